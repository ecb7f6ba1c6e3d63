import type { z } from 'zod';
import { closest } from './strict-config.js';

/** The parts of a parsed config whose fields name other parts of it. */
interface ConfigReferences {
  org: string;
  people: readonly { id: string }[];
  teams: readonly {
    id: string;
    members: readonly string[];
    defaultOwner?: string | undefined;
    ownership: readonly { owners: readonly string[] }[];
    readsFrom: readonly string[];
  }[];
  assistant: { teams: Record<string, unknown> };
  slack: { channels: readonly { team: string }[] };
}

type Path = (string | number)[];

/**
 * Cross-field checks: a person, team or space named in one place must exist in another, or a typo
 * (`owner: alcie`) would silently route items to nobody. People are only checked when `people`
 * lists anyone, so a config without a directory keeps working.
 */
export function checkConfigReferences(config: ConfigReferences, ctx: z.RefinementCtx): void {
  const report = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const seen = (ids: readonly string[], what: string, field: string) => {
    const first = new Map<string, number>();
    for (const [i, id] of ids.entries()) {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else
        report(
          [field, i, 'id'],
          `${what} id "${id}" is also used by ${field}.${earlier}; give each ${what} its own id`,
        );
    }
  };
  seen(
    config.people.map((p) => p.id),
    'person',
    'people',
  );
  seen(
    config.teams.map((t) => t.id),
    'team',
    'teams',
  );

  const people = config.people.map((p) => p.id);
  const checkPerson = (id: string | undefined, path: Path) => {
    if (id === undefined || people.length === 0 || people.includes(id)) return;
    report(path, `"${id}" is not under people; ${suggest(id, people)}add { id: ${id}, name: ... } to people`);
  };
  const teamIds = config.teams.map((t) => t.id);
  const spaces = teamIds.map((id) => `${config.org}/${id}`);
  for (const [t, team] of config.teams.entries()) {
    for (const [i, m] of team.members.entries()) checkPerson(m, ['teams', t, 'members', i]);
    checkPerson(team.defaultOwner, ['teams', t, 'defaultOwner']);
    for (const [r, rule] of team.ownership.entries()) {
      for (const [i, o] of rule.owners.entries()) checkPerson(o, ['teams', t, 'ownership', r, 'owners', i]);
    }
    for (const [i, space] of team.readsFrom.entries()) {
      if (spaces.includes(space)) continue;
      report(
        ['teams', t, 'readsFrom', i],
        `"${space}" is not the space of a configured team (spaces are <org>/<team>: ${spaces.join(', ')}); ${suggest(space, spaces)}fix it or add the team under teams`,
      );
    }
  }
  const unknownTeam = (team: string, path: Path) =>
    report(
      path,
      `team "${team}" is not under teams; ${suggest(team, teamIds)}fix it or add { id: ${team}, name: ... } to teams`,
    );
  for (const [i, channel] of config.slack.channels.entries()) {
    if (!teamIds.includes(channel.team)) unknownTeam(channel.team, ['slack', 'channels', i, 'team']);
  }
  if (teamIds.length > 0) {
    for (const team of Object.keys(config.assistant.teams)) {
      if (!teamIds.includes(team)) unknownTeam(team, ['assistant', 'teams', team]);
    }
  }
}

function suggest(value: string, known: readonly string[]): string {
  const close = closest(value, known);
  return close ? `did you mean ${close}? Otherwise ` : '';
}
