import type { Retriever } from '@ensemble/assistant';
import type { SpaceId, SpaceMemory } from '@ensemble/core';
import type { Statement } from './heuristic.js';
import { relatedness } from './memory-finder.js';
import type { RelatedFinder, RelatedItem, SpaceOpener } from './ports.js';

/**
 * Finds related items through the hub's search index (hybrid BM25 + vectors), then keeps only
 * those that share enough wording to be worth a reviewer's time.
 */
export class RetrieverRelatedFinder implements RelatedFinder {
  constructor(
    private readonly opener: SpaceOpener,
    private readonly retrieverFor: (memoryOf: (space: SpaceId) => SpaceMemory | undefined) => Retriever,
    private readonly minRelatedness = 0.2,
  ) {}

  async related(input: {
    statement: Statement;
    exclude: SpaceId;
    spaces: SpaceId[];
    limit: number;
  }): Promise<RelatedItem[]> {
    const peers = input.spaces.filter((s) => s !== input.exclude);
    if (peers.length === 0) return [];
    const memories = new Map<SpaceId, SpaceMemory>();
    for (const space of peers) memories.set(space, await this.opener.openSpace(space));
    const hits = await this.retrieverFor((space) => memories.get(space)).search({
      query: `${input.statement.title}\n${input.statement.body}`.slice(0, 1000),
      spaces: peers,
      limit: input.limit * 2,
    });
    return hits
      .filter(
        (hit) =>
          (hit.item.kind === 'decision' || hit.item.kind === 'context') &&
          relatedness(input.statement, hit.item) >= this.minRelatedness,
      )
      .slice(0, input.limit)
      .map((hit) => ({ space: hit.space, item: hit.item }));
  }
}
