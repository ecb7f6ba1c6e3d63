import type { Table } from '@lancedb/lancedb';
import { type Ranked, reciprocalRankFusion, weighByStatus } from './fusion.js';
import { type IndexedRowHeader, RESULT_COLUMNS } from './rows.js';
import { SearchResult } from './search-query.js';

export interface TableSearch {
  text: string;
  vector: Float32Array;
  /** Already-built SQL filter; always restricts `space`. */
  where: string;
  limit: number;
  candidates: number;
  rrfK: number;
  mode: 'hybrid' | 'text' | 'vector';
}

/** IVF probes and re-ranking with full vectors: without refine, recall of PQ codes is about 0.5. */
const NPROBES = 20;

const REFINE_FACTOR = 5;

type Scored = IndexedRowHeader & { _score: number; _distance: number };

/** Runs the BM25 and the vector arm side by side, both prefiltered, and fuses them. */
export async function searchTable(table: Table, search: TableSearch): Promise<SearchResult[]> {
  // A query with no features (only punctuation or stop words) has no direction to search along.
  const useVector = search.mode !== 'text' && search.vector.some((v) => v !== 0);
  const [textRows, vectorRows] = await Promise.all([
    search.mode === 'vector'
      ? Promise.resolve([])
      : (table
          .query()
          .fullTextSearch(search.text, { columns: 'text' })
          .where(search.where)
          .select([...RESULT_COLUMNS, '_score'])
          .limit(search.candidates)
          .toArray() as Promise<Scored[]>),
    useVector
      ? (table
          .vectorSearch(search.vector)
          .distanceType('cosine')
          .where(search.where)
          .nprobes(NPROBES)
          .refineFactor(REFINE_FACTOR)
          .select([...RESULT_COLUMNS, '_distance'])
          .limit(search.candidates)
          .toArray() as Promise<Scored[]>)
      : Promise.resolve([]),
  ]);
  // Rows not yet in the FTS index come back unsorted after the indexed ones: order by score ourselves.
  // Equal scores break on key, so the order does not depend on how rows happen to sit on disk.
  textRows.sort((a, b) => b._score - a._score || byKey(a, b));
  vectorRows.sort((a, b) => a._distance - b._distance || byKey(a, b));
  const ranked = (rows: Scored[]): Ranked<Scored>[] => rows.map((row) => ({ key: row.key, row }));
  const similarity = new Map(vectorRows.map((row) => [row.key, 1 - row._distance]));
  const fused = weighByStatus(
    reciprocalRankFusion(
      [
        { name: 'text', ranked: ranked(textRows) },
        { name: 'vector', ranked: ranked(vectorRows) },
      ],
      search.rrfK,
    ),
  );
  return fused.slice(0, search.limit).map(({ row, score, matchedBy }) =>
    SearchResult.parse({
      id: row.id,
      space: row.space,
      kind: row.kind,
      title: row.title,
      snippet: row.snippet,
      owner: row.owner,
      status: row.status,
      source: { surface: row.surface, link: row.link === '' ? null : row.link },
      score,
      version: Number(row.version),
      updatedAt: row.updatedAt,
      matchedBy,
      similarity: similarity.get(row.key) ?? null,
    }),
  );
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
