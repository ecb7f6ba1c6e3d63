import { type Item, isOpen, type PersonId, type SpaceId, type SpaceMemory } from '@ensemble/core';

export interface AttentionList {
  /** Decisions and context past their `reviewBy` date. */
  dueForReview: Item[];
  /** Items whose owner is not a known person (left the org, or never set up). */
  unowned: Item[];
  /** Conflicts still open that involve this team, wherever they were recorded. */
  openConflicts: Array<{ space: SpaceId; item: Item }>;
  /** Questions nobody has answered yet. */
  openQuestions: Item[];
}

/**
 * What a team must act on: the digest and App Home list these until fixed.
 * `others` are the other spaces the hub holds, searched for conflicts naming this team.
 */
export function attentionFor(input: {
  own: SpaceMemory;
  others: SpaceMemory[];
  knownPeople: ReadonlySet<PersonId>;
  now: Date;
}): AttentionList {
  const today = input.now.toISOString().slice(0, 10);
  const items = input.own.list();
  const active = items.filter((i) => i.status !== 'superseded' && i.status !== 'rejected');
  const mine = new Set(items.map((i) => i.id));
  const openConflicts: AttentionList['openConflicts'] = [];
  for (const memory of [input.own, ...input.others]) {
    for (const item of memory.list({ kind: 'conflict' })) {
      if (!isOpen(item)) continue;
      const involvesUs =
        memory === input.own ||
        item.conflict?.sides.some((s) => s.space === input.own.space && mine.has(s.id));
      if (involvesUs) openConflicts.push({ space: memory.space, item });
    }
  }
  return {
    dueForReview: active.filter(
      (i) =>
        (i.kind === 'decision' || i.kind === 'context') && i.reviewBy !== undefined && i.reviewBy <= today,
    ),
    unowned: active.filter(
      (i) => i.kind !== 'review' && input.knownPeople.size > 0 && !input.knownPeople.has(i.owner),
    ),
    openConflicts,
    openQuestions: active.filter((i) => i.kind === 'question' && isOpen(i)),
  };
}
