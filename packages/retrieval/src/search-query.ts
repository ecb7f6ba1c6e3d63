import { ItemKind, ItemStatus, SearchHit, SpaceId } from '@ensemble/core';
import { z } from 'zod';

/** What a caller asks; `spaces` must already be narrowed to the spaces the caller may read. */
export const SearchQuery = z.object({
  query: z
    .string()
    .trim()
    .min(1, 'type something to search for')
    .max(1000, 'queries are at most 1000 characters'),
  spaces: z.array(SpaceId).max(1000),
  limit: z.number().int().min(1).max(200).optional(),
  kinds: z.array(ItemKind).min(1).optional(),
  statuses: z.array(ItemStatus).min(1).optional(),
  /** `hybrid` (default) fuses both arms; `text` and `vector` run one arm, for evaluation and debugging. */
  mode: z.enum(['hybrid', 'text', 'vector']).default('hybrid'),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** One hit: the same shape the hub sends over `/v1/search`. */
export const SearchResult = SearchHit;
export type SearchResult = SearchHit;
