import type { Item, SpaceId } from '@ensemble/core';
import type { Statement } from './heuristic.js';
import type { RelatedFinder, RelatedItem, SpaceOpener } from './ports.js';
import { containment, contentWords } from './text.js';

/**
 * The in-memory twin of the hub's index-backed finder: scores items of the given spaces by
 * shared content words. Fine for tests and small installs; the hub uses the LanceDB index.
 */
export class MemoryRelatedFinder implements RelatedFinder {
  constructor(
    private readonly opener: SpaceOpener,
    private readonly minOverlap = 0.2,
  ) {}

  async related(input: {
    statement: Statement;
    exclude: SpaceId;
    spaces: SpaceId[];
    limit: number;
  }): Promise<RelatedItem[]> {
    const scored: Array<RelatedItem & { score: number }> = [];
    for (const space of input.spaces) {
      if (space === input.exclude) continue;
      const memory = await this.opener.openSpace(space);
      for (const item of memory.list()) {
        if (item.kind !== 'decision' && item.kind !== 'context') continue;
        if (item.status === 'superseded' || item.status === 'rejected') continue;
        const score = relatedness(input.statement, item);
        if (score >= this.minOverlap) scored.push({ space, item, score });
      }
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, input.limit)
      .map(({ space, item }) => ({ space, item }));
  }
}

/**
 * Share of the shorter text's content words found in the other: the bar for asking a reviewer
 * at all. One shared word ("deploy") is not a shared subject, so fewer than two scores zero.
 */
export function relatedness(statement: Statement, item: Pick<Item, 'title' | 'body'>): number {
  const a = contentWords(`${statement.title} ${statement.body}`);
  const b = contentWords(`${item.title} ${item.body}`);
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared < 2 ? 0 : containment(a, b);
}
