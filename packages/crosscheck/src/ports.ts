import type { Item, SpaceId, SpaceMemory } from '@ensemble/core';
import type { Statement, VerdictResult } from './heuristic.js';

/** Finds items in other spaces that may relate to a statement (the LanceDB index in the hub). */
export interface RelatedFinder {
  related(input: {
    statement: Statement;
    exclude: SpaceId;
    spaces: SpaceId[];
    limit: number;
  }): Promise<RelatedItem[]>;
}

export interface RelatedItem {
  space: SpaceId;
  item: Item;
}

/** One team's assistant judging a statement against one of its own items. */
export interface Reviewer {
  /** `heuristic`, or the id of the model that judges. */
  readonly judge: string;
  review(subject: Statement, related: Item, signal: AbortSignal): Promise<VerdictResult>;
}

export interface SpaceOpener {
  openSpace(space: SpaceId): Promise<SpaceMemory>;
}
