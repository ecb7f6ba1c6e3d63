import { type Item, isEnsembleError, type SpaceId, type SpaceMemory } from '@ensemble/core';
import { type Logger, silentLogger } from '@ensemble/runtime';
import type { IndexEntry, ItemKeyRef, RetrievalIndex } from './retrieval-index.js';

export interface SpaceIndexerOptions {
  logger?: Logger;
  /** Items written to the index per commit; bursts beyond it are split. */
  batchSize?: number;
  /** First retry delay after a failed write (e.g. an API embedder is down); doubles up to 30 s. */
  retryMs?: number;
}

interface Pending {
  memory: SpaceMemory;
  ids: Set<string>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_RETRY_MS = 30_000;

/**
 * Keeps the index in step with spaces. Changes are coalesced (a burst in one tick becomes one
 * write), written in small batches, and retried if the index or embedder fails, so the index
 * converges on the CRDT. `flushed()` lets callers wait until what they wrote is searchable.
 */
export class SpaceIndexer {
  private readonly pending = new Map<SpaceId, Pending>();
  private readonly unfollows = new Map<SpaceId, () => void>();
  private readonly waiters: Waiter[] = [];
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly retryMs: number;
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly index: RetrievalIndex,
    options: SpaceIndexerOptions = {},
  ) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'indexer' });
    this.batchSize = options.batchSize ?? 256;
    this.retryMs = options.retryMs ?? 1000;
  }

  /** Brings the space's index up to date, then follows its changes until `unfollow`. */
  async follow(memory: SpaceMemory): Promise<{ upserted: number; removed: number }> {
    this.unfollows.get(memory.space)?.();
    const stop = memory.observe((changes) =>
      this.notify(
        memory,
        changes.map((c) => c.id),
      ),
    );
    this.unfollows.set(memory.space, stop);
    return this.reconcile(memory);
  }

  unfollow(space: SpaceId): void {
    this.unfollows.get(space)?.();
    this.unfollows.delete(space);
  }

  /** Marks items as changed; the hub calls this from its items-changed hook. */
  notify(memory: SpaceMemory, ids: Iterable<string>): void {
    if (this.closed) return;
    let entry = this.pending.get(memory.space);
    if (!entry) {
      entry = { memory, ids: new Set() };
      this.pending.set(memory.space, entry);
    }
    entry.memory = memory;
    for (const id of ids) entry.ids.add(id);
    this.kick();
  }

  /**
   * Compares the space with what the index holds (by version and update time) and writes only
   * the difference; quarantined and deleted items leave the index.
   */
  async reconcile(memory: SpaceMemory): Promise<{ upserted: number; removed: number }> {
    const indexed = await this.index.indexedVersions(memory.space);
    const stale: IndexEntry[] = [];
    for (const item of memory.list()) {
      const seen = indexed.get(item.id);
      if (!seen || seen.version !== item.version || seen.updatedAt !== item.updatedAt) {
        stale.push({ space: memory.space, item });
      }
      indexed.delete(item.id);
    }
    for (let i = 0; i < stale.length; i += this.batchSize * 8) {
      await this.index.upsert(stale.slice(i, i + this.batchSize * 8));
    }
    const gone: ItemKeyRef[] = [...indexed.keys()].map((id) => ({ space: memory.space, id }));
    await this.index.remove(gone);
    this.logger.info('indexer.reconciled', {
      space: memory.space,
      upserted: stale.length,
      removed: gone.length,
    });
    return { upserted: stale.length, removed: gone.length };
  }

  /** Rebuilds the whole index from the given spaces (the CRDT is the truth). */
  async rebuild(memories: readonly SpaceMemory[]): Promise<{ rows: number; ms: number }> {
    const snapshot = memories.map((m) => m.list().map((item): IndexEntry => ({ space: m.space, item })));
    return this.index.rebuild(snapshot);
  }

  /** Resolves when every change notified so far is searchable; rejects if a write attempt failed. */
  flushed(): Promise<void> {
    if (this.pending.size === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.unfollows.values()) stop();
    this.unfollows.clear();
    clearTimeout(this.retryTimer);
    await this.running;
  }

  private kick(): void {
    if (this.running || this.retryTimer) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // Changes may arrive between the last batch and this callback (e.g. from a flushed() waiter).
      if (this.pending.size > 0 && !this.closed) this.kick();
    });
  }

  private async drain(): Promise<void> {
    // Let the rest of this tick's writes arrive so a burst becomes one batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0 && !this.closed) {
      const batch = this.takeBatch();
      try {
        await this.apply(batch);
        this.failures = 0;
      } catch (error) {
        for (const { memory, ids } of batch) this.notifyQuietly(memory, ids);
        this.scheduleRetry(error);
        this.settle(error);
        return;
      }
    }
    this.settle();
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let room = this.batchSize;
    for (const [space, entry] of this.pending) {
      if (room === 0) break;
      const ids = [...entry.ids].slice(0, room);
      for (const id of ids) entry.ids.delete(id);
      if (entry.ids.size === 0) this.pending.delete(space);
      batch.push({ memory: entry.memory, ids: new Set(ids) });
      room -= ids.length;
    }
    return batch;
  }

  private async apply(batch: Pending[]): Promise<void> {
    const upserts: IndexEntry[] = [];
    const removals: ItemKeyRef[] = [];
    for (const { memory, ids } of batch) {
      for (const id of ids) {
        const item = readItem(memory, id);
        if (item) upserts.push({ space: memory.space, item });
        else removals.push({ space: memory.space, id });
      }
    }
    await this.index.upsert(upserts);
    await this.index.remove(removals);
  }

  private notifyQuietly(memory: SpaceMemory, ids: Set<string>): void {
    const entry = this.pending.get(memory.space) ?? { memory, ids: new Set<string>() };
    for (const id of ids) entry.ids.add(id);
    this.pending.set(memory.space, entry);
  }

  private scheduleRetry(error: unknown): void {
    this.failures++;
    const delay = Math.min(MAX_RETRY_MS, this.retryMs * 2 ** (this.failures - 1));
    const code = isEnsembleError(error) ? error.code : 'internal';
    this.logger.warn('indexer.write.failed', { code, retryInMs: delay, failures: this.failures });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  private settle(error?: unknown): void {
    if (!error && this.pending.size > 0) return;
    const waiters = this.waiters.splice(0);
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }
}

/** The current item, or undefined when it is gone or quarantined (either way: not searchable). */
function readItem(memory: SpaceMemory, id: string): Item | undefined {
  try {
    return memory.get(id);
  } catch (e) {
    if (isEnsembleError(e)) return undefined;
    throw e;
  }
}
