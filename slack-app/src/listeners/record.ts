import type { Item, PersonId, SpaceId, TeamConfig } from '@ensemble/core';
import type { ListenerDeps } from './deps.js';

export interface RecordInput {
  person: PersonId;
  team: TeamConfig;
  space: SpaceId;
  title: string;
  body: string;
  owner?: PersonId;
  /** Provenance: the Slack permalink of the message the decision came from. */
  link?: string;
}

/**
 * Records a proposed decision in the team's space as the Slack user who captured it; the owner
 * defaults by the team's ownership rules and confirms it later with a button.
 */
export async function recordDecision(deps: ListenerDeps, input: RecordInput): Promise<Item> {
  const session = await deps.hub.asPerson(input.person, input.team, input.space);
  return session.client.create(input.space, {
    kind: 'decision',
    title: input.title,
    body: input.body,
    owner: input.owner ?? deps.directory.defaultOwner(input.team, input.person),
    status: 'proposed',
    source: { surface: 'slack', ...(input.link ? { link: input.link } : {}) },
  });
}
