import {
  type EnsembleConfig,
  EnsembleError,
  ErrorCode,
  type Person,
  type PersonId,
  resolveOwner,
  type SpaceId,
  spaceOfTeam,
  type TeamConfig,
} from '@ensemble/core';

export interface ChannelTeam {
  team: TeamConfig;
  space: SpaceId;
}

/**
 * Who is who and which channel belongs to which team, from config. Unknown Slack users get an
 * error that says how to map them; nothing acts on the hub for an unmapped person.
 */
export class Directory {
  private readonly bySlackId = new Map<string, Person>();
  private readonly byId = new Map<PersonId, Person>();
  private readonly channels = new Map<string, ChannelTeam>();

  constructor(readonly config: EnsembleConfig) {
    for (const p of config.people) {
      this.byId.set(p.id, p);
      if (p.slackUserId) this.bySlackId.set(p.slackUserId, p);
    }
    const teams = new Map(config.teams.map((t) => [t.id, t]));
    for (const c of config.slack.channels) {
      const team = teams.get(c.team);
      if (!team) {
        throw new EnsembleError(
          ErrorCode.InvalidConfig,
          `slack.channels maps ${c.channelId} to team "${c.team}", which is not under teams in ensemble.yaml.`,
        );
      }
      this.channels.set(c.channelId, { team, space: spaceOfTeam(config, team.id) });
    }
  }

  teamOfChannel(channelId: string): ChannelTeam | undefined {
    return this.channels.get(channelId);
  }

  requireTeamOfChannel(channelId: string): ChannelTeam {
    const found = this.channels.get(channelId);
    if (!found) {
      throw new EnsembleError(
        ErrorCode.NotFound,
        'This channel is not linked to a team yet: add it under slack.channels in ensemble.yaml.',
      );
    }
    return found;
  }

  /** Teams by space id, for buttons that carry the space. */
  teamOfSpace(space: SpaceId): ChannelTeam | undefined {
    const team = this.config.teams.find((t) => spaceOfTeam(this.config, t.id) === space);
    return team ? { team, space } : undefined;
  }

  /** Every mapped channel, in config order. */
  mappedChannels(): Array<{ channelId: string } & ChannelTeam> {
    return [...this.channels.entries()].map(([channelId, t]) => ({ channelId, ...t }));
  }

  personOfSlackUser(userId: string): PersonId {
    const person = this.bySlackId.get(userId);
    if (!person) {
      throw new EnsembleError(
        ErrorCode.Forbidden,
        `Your Slack account (${userId}) is not linked to an Ensemble person: ask an admin to add ` +
          `\`slackUserId: ${userId}\` to your entry under people in ensemble.yaml.`,
      );
    }
    return person.id;
  }

  /** `<@U123>` when the person has a Slack id, else their handle. */
  mention(id: PersonId): string {
    const slackId = this.byId.get(id)?.slackUserId;
    return slackId ? `<@${slackId}>` : id;
  }

  people(): Person[] {
    return [...this.byId.values()];
  }

  /** Owner of a new item: the ownership rules, then whoever recorded it, then the team default. */
  defaultOwner(team: TeamConfig, recordedBy: PersonId, tags: readonly string[] = []): PersonId {
    return (
      resolveOwner({
        rules: team.ownership,
        subject: { tags },
        recordedBy,
        teamDefault: team.defaultOwner,
      }) ?? recordedBy
    );
  }

  /** Teams a person belongs to; everyone sees every mapped team when they belong to none. */
  teamsOf(id: PersonId): ChannelTeam[] {
    const all = this.mappedChannels();
    const unique = new Map(all.map((c) => [c.space, { team: c.team, space: c.space }]));
    const mine = [...unique.values()].filter((t) => t.team.members.includes(id));
    return mine.length > 0 ? mine : [...unique.values()];
  }
}
