import type { Item, SpaceId, SpaceMemory } from '@ensemble/core';
import { contentWords, overlapScore } from '../text.js';

export interface Hit {
  item: Item;
  space: SpaceId;
  /** Relevance in 0..1; the pipeline treats hits below `minRelevance` as not covering. */
  score: number;
}

export interface SearchQuery {
  query: string;
  spaces: readonly SpaceId[];
  limit: number;
}

/** The retrieval port: the LanceDB hybrid index implements it; MemoryRetriever is its twin. */
export interface Retriever {
  search(query: SearchQuery): Promise<Hit[]>;
}

/**
 * Items that no longer hold (superseded, rejected), open questions, and the cross-check's own
 * records (reviews, conflicts: the answer's checks report those) are not answers.
 */
export function isAnswerMaterial(item: Item): boolean {
  if (item.status === 'superseded' || item.status === 'rejected') return false;
  return item.kind !== 'question' && item.kind !== 'review' && item.kind !== 'conflict';
}

/**
 * Offline retriever over item lists: scores by the share of question words an item contains
 * (title and body each count). No index, so meant for small spaces, snapshots and tests.
 */
export class ItemsRetriever implements Retriever {
  constructor(private readonly itemsOf: (space: SpaceId) => readonly Item[]) {}

  async search({ query, spaces, limit }: SearchQuery): Promise<Hit[]> {
    const words = contentWords(query);
    const hits: Hit[] = [];
    for (const space of spaces) {
      for (const item of this.itemsOf(space)) {
        if (!isAnswerMaterial(item)) continue;
        const titleWords = contentWords(item.title);
        const bodyWords = contentWords(`${item.body} ${item.tags.join(' ')}`);
        const score = Math.min(
          1,
          0.6 * overlapScore(words, titleWords) + 0.6 * overlapScore(words, bodyWords),
        );
        if (score > 0) hits.push({ item, space, score });
      }
    }
    return hits.sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1)).slice(0, limit);
  }
}

/** The in-memory twin of the LanceDB index: searches live SpaceMemory instances. */
export class MemoryRetriever extends ItemsRetriever {
  constructor(memoryOf: (space: SpaceId) => SpaceMemory | undefined) {
    super((space) => memoryOf(space)?.list() ?? []);
  }
}
