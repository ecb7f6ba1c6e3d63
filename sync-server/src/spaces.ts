import { EnsembleError, ErrorCode, type ItemChange, type SpaceId, type SpaceMemory } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import * as Y from 'yjs';
import type { HubMetrics } from './metrics.js';
import type { SpaceStore } from './persistence/index.js';
import { type Peer, Room } from './room.js';
import { enforceWriteRules } from './write-rules.js';

export interface SpacesOptions {
  store: SpaceStore;
  metrics: HubMetrics;
  logger: Logger;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  onItemsChanged(space: SpaceId, memory: SpaceMemory, changes: ItemChange[]): void;
}

interface Entry {
  ready: Promise<Room>;
  room: Room | undefined;
  idleTimer: NodeJS.Timeout | undefined;
  /** Set while the space is being compacted and dropped; `open` waits for it, then reloads. */
  unloading: Promise<void> | undefined;
}

/**
 * Which spaces are in memory. A space is loaded from the store once, before anything of it is
 * served; it stays while peers are connected and is compacted and dropped after
 * `idleUnloadMs` without peers or HTTP use.
 */
export class Spaces {
  private readonly entries = new Map<SpaceId, Entry>();
  private closed = false;

  constructor(private readonly options: SpacesOptions) {}

  get loadedCount(): number {
    return this.entries.size;
  }

  /** The loaded room of `space`, loading it if needed. Restarts the idle clock. */
  async open(space: SpaceId): Promise<Room> {
    for (;;) {
      if (this.closed)
        throw new EnsembleError(ErrorCode.Unavailable, 'The hub is shutting down; retry shortly.');
      const entry = this.entries.get(space) ?? this.load(space);
      if (entry.unloading) {
        await entry.unloading;
        continue;
      }
      const room = await entry.ready;
      if (this.entries.get(space) !== entry || entry.unloading) continue;
      this.scheduleIdle(space, entry);
      return room;
    }
  }

  async attach(space: SpaceId, peer: Peer): Promise<Room> {
    const room = await this.open(space);
    const entry = this.entries.get(space);
    if (entry?.idleTimer) clearTimeout(entry.idleTimer);
    if (entry) entry.idleTimer = undefined;
    room.addPeer(peer);
    return room;
  }

  detach(space: SpaceId, peer: Peer): void {
    const entry = this.entries.get(space);
    if (!entry?.room) return;
    entry.room.removePeer(peer);
    this.scheduleIdle(space, entry);
  }

  /** Compacts every loaded space and drops it; further `open` calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.entries()];
    await Promise.all(
      all.map(async ([space, entry]) => {
        if (entry.idleTimer) clearTimeout(entry.idleTimer);
        if (entry.unloading) return entry.unloading;
        const room = await entry.ready.catch(() => undefined);
        if (room) await this.unload(space, entry, room);
      }),
    );
  }

  private load(space: SpaceId): Entry {
    const { store, metrics, logger } = this.options;
    const entry: Entry = {
      ready: Promise.resolve(undefined as never),
      room: undefined,
      idleTimer: undefined,
      unloading: undefined,
    };
    entry.ready = (async () => {
      const stopTimer = metrics.loadSeconds.startTimer();
      const doc = new Y.Doc({ gc: true });
      try {
        await store.load(space, doc);
      } catch (e) {
        this.entries.delete(space);
        doc.destroy();
        logger.error('space_load_failed', { space, error: (e as Error).message });
        throw new EnsembleError(
          ErrorCode.Unavailable,
          `Space ${space} could not be loaded; check the hub's logs.`,
        );
      }
      const room = new Room({
        space,
        doc,
        store,
        metrics,
        logger,
        compactAfterUpdates: this.options.compactAfterUpdates,
        onItemsChanged: (memory, changes) => this.options.onItemsChanged(space, memory, changes),
      });
      enforceWriteRules(doc, space, logger);
      entry.room = room;
      metrics.spacesLoaded.inc();
      logger.info('space_loaded', { space, ms: Math.round(stopTimer() * 1000) });
      return room;
    })();
    this.entries.set(space, entry);
    return entry;
  }

  private scheduleIdle(space: SpaceId, entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    const room = entry.room;
    if (!room || room.peers.size > 0 || this.closed) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = undefined;
      if (room.peers.size > 0 || entry.unloading) return;
      this.unload(space, entry, room).catch(() => undefined);
    }, this.options.idleUnloadMs);
    entry.idleTimer.unref();
  }

  private unload(space: SpaceId, entry: Entry, room: Room): Promise<void> {
    const { logger, metrics } = this.options;
    entry.unloading = (async () => {
      try {
        await room.compact();
      } catch (e) {
        // The log still holds every update, so nothing is lost; the next load replays it.
        logger.error('compact_failed', { space, error: (e as Error).message });
      }
      room.destroy();
      if (this.entries.get(space) === entry) this.entries.delete(space);
      metrics.spacesLoaded.dec();
      logger.info('space_unloaded', { space });
    })();
    return entry.unloading;
  }
}
