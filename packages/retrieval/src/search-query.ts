import { ItemKind, ItemStatus, SpaceId } from '@ensemble/core';
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

export const SearchResult = z.object({
  id: z.string(),
  space: SpaceId,
  kind: ItemKind,
  title: z.string(),
  snippet: z.string(),
  owner: z.string(),
  status: ItemStatus,
  source: z.object({ surface: z.string(), link: z.string().nullable() }),
  /** Fused score after status weighting; only comparable within one answer. */
  score: z.number(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** Which arms found it: full-text, vector or both. */
  matchedBy: z.array(z.enum(['text', 'vector'])),
});
export type SearchResult = z.infer<typeof SearchResult>;
