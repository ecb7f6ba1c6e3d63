import { z } from 'zod';
import { ItemKind, ItemStatus } from './item.js';
import { SpaceId } from './space.js';

/**
 * The wire contract of `GET /v1/search` and `POST /v1/index/rebuild`, shared by the hub, the
 * CLI and other surfaces. The index itself lives in @ensemble/retrieval.
 */
export const SearchHit = z.object({
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
  /** Which arms found it: full-text (BM25), vector, or both. */
  matchedBy: z.array(z.enum(['text', 'vector'])),
  /** Cosine similarity of query and item vectors when the vector arm found it, else null. */
  similarity: z.number().min(-1.001).max(1.001).nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  /** The spaces that were searched: the ones asked for, or every space the token may read. */
  spaces: z.array(SpaceId),
  results: z.array(SearchHit),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const IndexRebuildResponse = z.object({
  spaces: z.array(SpaceId),
  rows: z.number().int().min(0),
  ms: z.number().min(0),
});
export type IndexRebuildResponse = z.infer<typeof IndexRebuildResponse>;
