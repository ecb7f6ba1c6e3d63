import { join } from 'node:path';
import {
  EnsembleError,
  ErrorCode,
  type Item,
  RetrievalConfig,
  type RetrievalConfigInput,
  type SpaceId,
  summarize,
} from '@ensemble/core';
import { type Logger, silentLogger } from '@ensemble/runtime';
import type { Table } from '@lancedb/lancedb';
import type { Embedder } from './embedder.js';
import { allOf, inList, sqlString } from './filter.js';
import { type IndexRow, rowKey, textOf, toRow } from './rows.js';
import { searchTable } from './search.js';
import { type SearchQuery, SearchQuery as SearchQuerySchema, type SearchResult } from './search-query.js';
import { SerialQueue } from './serial-queue.js';
import { ensureVectorIndex, type OpenReason, TableStore } from './table-store.js';

export interface IndexEntry {
  space: SpaceId;
  item: Item;
}

export interface ItemKeyRef {
  space: SpaceId;
  id: string;
}

export interface IndexedVersion {
  version: number;
  updatedAt: string;
}

export interface RetrievalIndexOptions {
  /** The hub's data directory; the index lives in `<dataDir>/index`. */
  dataDir: string;
  embedder: Embedder;
  config?: RetrievalConfigInput;
  logger?: Logger;
  /** Compact and refresh indices on a timer (default true); tests and benches may drive it by hand. */
  backgroundOptimize?: boolean;
}

const WRITE_CHUNK = 5000;

/**
 * The search index derived from the spaces: one LanceDB table with a row per item, a BM25
 * full-text index over title, body and tags, and vectors from the configured embedder.
 * The CRDT stays the truth: anything here can be dropped and rebuilt from it.
 */
export class RetrievalIndex {
  private readonly writes = new SerialQueue();
  private writesSinceOptimize = 0;
  private timer: NodeJS.Timeout | undefined;
  private optimizing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly store: TableStore,
    private table: Table,
    readonly embedder: Embedder,
    readonly config: RetrievalConfig,
    /** How open() found the index: anything but `reused` means it is empty and must be filled. */
    readonly openReason: OpenReason,
    private readonly logger: Logger,
  ) {}

  static async open(options: RetrievalIndexOptions): Promise<RetrievalIndex> {
    const parsed = RetrievalConfig.safeParse(options.config ?? {});
    if (!parsed.success) {
      throw new EnsembleError(
        ErrorCode.InvalidConfig,
        `Invalid retrieval config: ${summarize(parsed.error)}`,
      );
    }
    const logger = (options.logger ?? silentLogger).child({ component: 'retrieval' });
    const store = await TableStore.connect(join(options.dataDir, 'index'), logger);
    const { table, reason } = await store.openLive(options.embedder.id, options.embedder.dimensions);
    const index = new RetrievalIndex(store, table, options.embedder, parsed.data, reason, logger);
    if (options.backgroundOptimize ?? true) index.startOptimizer();
    return index;
  }

  get dir(): string {
    return this.store.dir;
  }

  /** Adds or replaces items (matched by space and id). Embedding runs before the write queue. */
  async upsert(entries: readonly IndexEntry[], signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    const unique = [...new Map(entries.map((e) => [rowKey(e.space, e.item.id), e])).values()];
    if (unique.length === 0) return;
    const rows = await this.toRows(unique, signal);
    await this.writes.run(() =>
      this.table.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(rows),
    );
    this.noteWrites(rows.length);
  }

  async remove(refs: readonly ItemKeyRef[]): Promise<void> {
    this.assertOpen();
    const keys = [...new Set(refs.map((r) => rowKey(r.space, r.id)))];
    for (let i = 0; i < keys.length; i += WRITE_CHUNK) {
      const chunk = keys.slice(i, i + WRITE_CHUNK);
      await this.writes.run(() => this.table.delete(inList('key', chunk)));
    }
    this.noteWrites(keys.length);
  }

  /**
   * Hybrid search over the given spaces only. The caller passes the spaces it may read;
   * an empty list means no results, never an unfiltered search.
   */
  async search(input: SearchQuery, signal?: AbortSignal): Promise<SearchResult[]> {
    this.assertOpen();
    const parsed = SearchQuerySchema.safeParse(input);
    if (!parsed.success) {
      throw new EnsembleError(
        ErrorCode.InvalidInput,
        `Invalid search: ${summarize(parsed.error)}`,
        parsed.error.issues,
      );
    }
    const query = parsed.data;
    if (query.spaces.length === 0) return [];
    const spaces = [...new Set(query.spaces)];
    const where = allOf([
      inList('space', spaces),
      query.kinds && inList('kind', query.kinds),
      query.statuses && inList('status', query.statuses),
    ]);
    const limit = Math.min(query.limit ?? this.config.defaultLimit, this.config.maxLimit);
    const [vector] = await this.embedder.embed([query.query], signal, 'query');
    if (!vector)
      throw new EnsembleError(ErrorCode.Internal, 'The embedder returned no vector for the query.');
    const results = await searchTable(this.table, {
      text: query.query,
      vector,
      where,
      limit,
      candidates: Math.max(this.config.candidates, limit * 2),
      rrfK: this.config.rrfK,
      mode: query.mode,
    });
    // Defence in depth: the filter already did this, but a readable-space check costs nothing.
    const allowed = new Set<string>(spaces);
    return results.filter((r) => allowed.has(r.space));
  }

  /** What the index holds for one space, to bring it up to date without re-embedding everything. */
  async indexedVersions(space: SpaceId): Promise<Map<string, IndexedVersion>> {
    const rows = await this.table
      .query()
      .where(`space = ${sqlString(space)}`)
      .select(['id', 'version', 'updatedAt'])
      .toArray();
    return new Map(
      rows.map((r) => [String(r.id), { version: Number(r.version), updatedAt: String(r.updatedAt) }]),
    );
  }

  /**
   * Drops everything and re-adds the given items into a new table, then swaps it in. Writes
   * wait meanwhile (none are lost); searches keep using the old table until the swap.
   */
  async rebuild(
    batches: Iterable<readonly IndexEntry[]> | AsyncIterable<readonly IndexEntry[]>,
  ): Promise<{ rows: number; ms: number }> {
    this.assertOpen();
    return this.writes.run(async () => {
      const started = performance.now();
      const table = await this.store.createTable(this.embedder.id, this.embedder.dimensions);
      let rows = 0;
      for await (const batch of batches) {
        for (let i = 0; i < batch.length; i += WRITE_CHUNK) {
          const chunk = await this.toRows(batch.slice(i, i + WRITE_CHUNK));
          await table.add(chunk);
          rows += chunk.length;
        }
      }
      await table.optimize({ cleanupOlderThan: new Date() });
      await ensureVectorIndex(table, this.config, this.logger);
      await this.store.makeLive(table);
      this.table = table;
      this.writesSinceOptimize = 0;
      const ms = Math.round(performance.now() - started);
      this.logger.info('retrieval.rebuilt', { rows, ms, embedder: this.embedder.id });
      return { rows, ms };
    });
  }

  /** Compacts small fragments, folds new rows into the indices and builds the ANN index when due. */
  optimize(): Promise<void> {
    this.optimizing ??= this.writes
      .run(async () => {
        this.writesSinceOptimize = 0;
        await this.table.optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) });
        await ensureVectorIndex(this.table, this.config, this.logger);
      })
      .finally(() => {
        this.optimizing = undefined;
      });
    return this.optimizing;
  }

  async count(): Promise<number> {
    return this.table.countRows();
  }

  /** Rows not yet covered by the full-text or vector index (searched by a slower flat scan). */
  async unindexedRows(): Promise<number> {
    let most = 0;
    for (const index of await this.table.listIndices()) {
      if (!index.columns.includes('text') && !index.columns.includes('vector')) continue;
      const stats = await this.table.indexStats(index.name);
      most = Math.max(most, stats?.numUnindexedRows ?? 0);
    }
    return most;
  }

  /** Index kinds present on the live table, e.g. `FTS`, `BTree`, `IvfRq`. */
  async indexKinds(): Promise<string[]> {
    return (await this.table.listIndices()).map((index) => index.indexType).sort();
  }

  /** Resolves when every write queued so far is on disk. */
  idle(): Promise<void> {
    return this.writes.idle();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.writes.idle();
    this.table.close();
    this.store.close();
  }

  private async toRows(entries: readonly IndexEntry[], signal?: AbortSignal): Promise<IndexRow[]> {
    const vectors = await this.embedder.embed(
      entries.map((e) => textOf(e.item)),
      signal,
      'document',
    );
    return entries.map((e, i) => {
      const vector = vectors[i];
      if (!vector || vector.length !== this.embedder.dimensions) {
        throw new EnsembleError(
          ErrorCode.Internal,
          `Embedder ${this.embedder.id} returned a wrong-sized vector.`,
        );
      }
      return toRow(e.space, e.item, vector);
    });
  }

  private noteWrites(rows: number): void {
    this.writesSinceOptimize += rows;
    if (this.timer && this.writesSinceOptimize >= this.config.optimizeAfterWrites)
      this.optimizeInBackground();
  }

  private startOptimizer(): void {
    this.timer = setInterval(() => {
      if (this.writesSinceOptimize > 0) this.optimizeInBackground();
    }, this.config.optimizeIntervalMs);
    this.timer.unref();
  }

  private optimizeInBackground(): void {
    if (this.closed || this.optimizing) return;
    this.optimize().catch((e: unknown) =>
      this.logger.warn('retrieval.optimize.failed', { error: (e as Error).message.slice(0, 200) }),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new EnsembleError(ErrorCode.Unavailable, 'The search index is closed.');
  }
}
