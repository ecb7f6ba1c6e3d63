import { matchingOwners, type PersonId, type TeamConfig } from '@ensemble/core';

export interface WhoShouldKnow {
  owner: PersonId;
  /** How the owner was found, for the answer text and the logs. */
  via: 'path rule' | 'tag rule' | 'team default' | 'asker';
  /** Tags from the question that matched an ownership rule; put on the open question. */
  tags: string[];
}

const TAG = /^[a-z0-9][a-z0-9:/._-]{0,63}$/;

function mentionedPaths(question: string): string[] {
  return (question.match(/[\w.-]*\/[\w./*-]+|\b[\w-]+\.[a-z]{1,5}\b/g) ?? []).filter((p) => !/^\.+$/.test(p));
}

function mentionedTags(question: string): string[] {
  const words = question.toLowerCase().match(/#?[a-z0-9][a-z0-9:._-]*/g) ?? [];
  return [...new Set(words.map((w) => w.replace(/^#/, '').replace(/[.:_-]+$/, '')))].filter((w) =>
    TAG.test(w),
  );
}

/**
 * Who should know the answer to an uncovered question: the team's CODEOWNERS-like rules over
 * the paths and tags the question is about (given by the surface, e.g. the open file, or
 * mentioned in it), then the team's default owner, then the asker.
 */
export function whoShouldKnow(
  team: TeamConfig,
  question: string,
  asker: PersonId,
  about: { path?: string | undefined; tags?: readonly string[] | undefined } = {},
): WhoShouldKnow {
  const paths = [...(about.path ? [about.path] : []), ...mentionedPaths(question)];
  for (const path of paths) {
    const owners = matchingOwners(team.ownership, { path });
    if (owners?.[0]) return { owner: owners[0], via: 'path rule', tags: [] };
  }
  const tags = [
    ...new Set([...(about.tags ?? []).map((t) => t.toLowerCase()), ...mentionedTags(question)]),
  ].filter((t) => TAG.test(t));
  const owners = matchingOwners(team.ownership, { tags });
  if (owners?.[0]) {
    const matched = tags.filter((t) => matchingOwners(team.ownership, { tags: [t] }) !== undefined);
    return { owner: owners[0], via: 'tag rule', tags: matched.slice(0, 8) };
  }
  if (team.defaultOwner) return { owner: team.defaultOwner, via: 'team default', tags: [] };
  return { owner: asker, via: 'asker', tags: [] };
}
