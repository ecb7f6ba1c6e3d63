import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@ensemble/runtime';
import { type Connection, connect, Index, type Table } from '@lancedb/lancedb';
import { EMBEDDER_KEY, LAYOUT_KEY, ROW_LAYOUT, rowSchema } from './rows.js';

const POINTER_FILE = 'current.json';
const TABLE_PREFIX = 'items_';

/** Why the index starts the way it does; anything but `reused` means it must be filled from the spaces. */
export type OpenReason = 'reused' | 'created' | 'embedder-changed' | 'layout-changed';

export interface VectorIndexSettings {
  annMinRows: number;
}

/**
 * The on-disk side: tables named `items_<n>` and a small pointer file naming the live one.
 * A rebuild writes a new table and swaps the pointer, so searches never see a half-built index
 * and a crash mid-rebuild leaves the old one in place.
 */
export class TableStore {
  private constructor(
    readonly dir: string,
    private readonly db: Connection,
    private readonly logger: Logger,
  ) {}

  static async connect(dir: string, logger: Logger): Promise<TableStore> {
    await mkdir(dir, { recursive: true });
    return new TableStore(dir, await connect(dir), logger);
  }

  /** Opens the live table if it was built by this embedder and layout; otherwise starts an empty one. */
  async openLive(embedderId: string, dimensions: number): Promise<{ table: Table; reason: OpenReason }> {
    const current = await this.readPointer();
    const names = await this.db.tableNames();
    if (current && names.includes(current)) {
      const table = await this.db.openTable(current);
      const metadata = (await table.schema()).metadata;
      if (metadata.get(LAYOUT_KEY) !== ROW_LAYOUT)
        return this.replaceWithEmpty(embedderId, dimensions, 'layout-changed');
      if (metadata.get(EMBEDDER_KEY) !== embedderId) {
        return this.replaceWithEmpty(embedderId, dimensions, 'embedder-changed');
      }
      await this.dropAllExcept(current);
      return { table, reason: 'reused' };
    }
    return this.replaceWithEmpty(embedderId, dimensions, 'created');
  }

  /** A fresh, empty table with its full-text and scalar indices, not yet live. */
  async createTable(embedderId: string, dimensions: number): Promise<Table> {
    const names = await this.db.tableNames();
    const taken = names
      .filter((n) => n.startsWith(TABLE_PREFIX))
      .map((n) => Number(n.slice(TABLE_PREFIX.length)));
    const next = Math.max(0, ...taken.filter(Number.isFinite)) + 1;
    const table = await this.db.createEmptyTable(`${TABLE_PREFIX}${next}`, rowSchema(dimensions, embedderId));
    await createTextAndScalarIndices(table);
    return table;
  }

  /** Points readers at `table` and drops every other table. */
  async makeLive(table: Table): Promise<void> {
    const tmp = join(this.dir, `${POINTER_FILE}.tmp`);
    await writeFile(tmp, JSON.stringify({ table: table.name }));
    await rename(tmp, join(this.dir, POINTER_FILE));
    await this.dropAllExcept(table.name);
  }

  close(): void {
    this.db.close();
  }

  private async replaceWithEmpty(
    embedderId: string,
    dimensions: number,
    reason: OpenReason,
  ): Promise<{ table: Table; reason: OpenReason }> {
    if (reason !== 'created') this.logger.info('retrieval.index.reset', { reason, embedder: embedderId });
    const table = await this.createTable(embedderId, dimensions);
    await this.makeLive(table);
    return { table, reason };
  }

  private async readPointer(): Promise<string | undefined> {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(this.dir, POINTER_FILE), 'utf8'));
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        'table' in parsed &&
        typeof parsed.table === 'string'
      ) {
        return parsed.table;
      }
    } catch {
      // No pointer (first start) or a torn one: either way the index is rebuilt from the spaces.
    }
    return undefined;
  }

  private async dropAllExcept(keep: string): Promise<void> {
    for (const name of await this.db.tableNames()) {
      if (name !== keep && name.startsWith(TABLE_PREFIX)) await this.db.dropTable(name);
    }
  }
}

async function createTextAndScalarIndices(table: Table): Promise<void> {
  await table.createIndex('text', { config: Index.fts({ withPosition: false }) });
  await table.createIndex('key', { config: Index.btree() });
  await table.createIndex('space', { config: Index.bitmap() });
}

/** Builds the ANN index once the table is big enough for a flat scan to be slow. */
export async function ensureVectorIndex(
  table: Table,
  settings: VectorIndexSettings,
  logger: Logger,
): Promise<boolean> {
  const indices = await table.listIndices();
  if (indices.some((index) => index.columns.includes('vector'))) return false;
  const rows = await table.countRows();
  if (rows < settings.annMinRows) return false;
  const started = performance.now();
  await table.createIndex('vector', {
    // IVF_RQ trains in well under a second at 100k rows (IVF_PQ took ~40 s, HNSW_SQ ~70 s on 2 cores)
    // and, with refineFactor at query time, finds the same neighbours.
    config: Index.ivfRq({ distanceType: 'cosine' }),
  });
  logger.info('retrieval.ann.built', { rows, ms: Math.round(performance.now() - started) });
  return true;
}
