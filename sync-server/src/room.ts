import { type ItemChange, type SpaceId, SpaceMemory } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { HubMetrics } from './metrics.js';
import { type SpaceStore, STORE_LOAD_ORIGIN } from './persistence/index.js';
import { encodeAwareness, encodeUpdate } from './protocol.js';

/** One websocket connection as a room sees it. */
export interface Peer {
  readonly id: number;
  send(frame: Uint8Array, type: 'sync-step1' | 'sync-step2' | 'update' | 'awareness'): void;
  /** Closes the connection because the hub could not accept what it sent. */
  fail(code: number, reason: string): void;
}

export interface RoomOptions {
  space: SpaceId;
  doc: Y.Doc;
  store: SpaceStore;
  metrics: HubMetrics;
  logger: Logger;
  compactAfterUpdates: number;
  /** Called after changed items were persisted and fanned out; must not throw. */
  onItemsChanged(memory: SpaceMemory, changes: ItemChange[]): void;
}

/**
 * A loaded space: its document, awareness and connected peers. Every change of the document,
 * whoever made it (a peer's update, an HTTP write through `memory`, an extension), passes the
 * one `update` listener: appended to the store first, then sent to every other peer. Only
 * what Yjs actually integrated reaches the log, so bytes that stay pending never get stored.
 */
export class Room {
  readonly space: SpaceId;
  readonly doc: Y.Doc;
  readonly memory: SpaceMemory;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  private readonly awarenessOf = new Map<Peer, Set<number>>();
  private pendingChanges = new Map<string, ItemChange>();
  private notifyScheduled = false;
  private compacting: Promise<void> | undefined;
  private readonly stopObserving: () => void;

  constructor(private readonly options: RoomOptions) {
    this.space = options.space;
    this.doc = options.doc;
    this.memory = new SpaceMemory(options.space, options.doc);
    this.awareness = new awarenessProtocol.Awareness(options.doc);
    // The hub itself has no presence; only clients do.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
    this.stopObserving = this.memory.observe((changes) => this.queueChanges(changes));
  }

  addPeer(peer: Peer): void {
    this.peers.add(peer);
    this.awarenessOf.set(peer, new Set());
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    const owned = this.awarenessOf.get(peer);
    this.awarenessOf.delete(peer);
    if (owned && owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
  }

  /** The awareness states of everyone, for a client that asks (or just connected). */
  awarenessFrame(): Uint8Array | undefined {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return undefined;
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /** Snapshot of the document into the store, one at a time. */
  compact(): Promise<void> {
    this.compacting ??= this.options.store.compact(this.space, this.doc).finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  destroy(): void {
    this.stopObserving();
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORE_LOAD_ORIGIN) return;
    const { metrics, store, logger } = this.options;
    const stopTimer = metrics.fanoutSeconds.startTimer();
    try {
      store.append(this.space, update);
    } catch (e) {
      logger.error('persist_failed', {
        space: this.space,
        bytes: update.length,
        error: (e as Error).message,
      });
      if (isPeer(origin)) origin.fail(1011, 'The hub could not store this update; reconnect and retry.');
      return;
    }
    metrics.updateBytes.inc(update.length);
    const frame = encodeUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame, 'update');
    stopTimer();
    if (store.pendingUpdates(this.space) > this.options.compactAfterUpdates && !this.compacting) {
      // Off the hot path: the snapshot is written after the current message is handled.
      setImmediate(() => {
        this.compact().catch((e: Error) =>
          logger.error('compact_failed', { space: this.space, error: e.message }),
        );
      });
    }
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const owned = isPeer(origin) ? this.awarenessOf.get(origin) : undefined;
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Sent to the origin too: y-websocket clients treat any message as a sign of life.
    for (const peer of this.peers) peer.send(frame, 'awareness');
  };

  private queueChanges(changes: ItemChange[]): void {
    for (const change of changes) this.pendingChanges.set(change.id, change);
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    // Observers run inside the transaction, before the update is stored: report afterwards.
    setImmediate(() => {
      this.notifyScheduled = false;
      const batch = [...this.pendingChanges.values()];
      this.pendingChanges = new Map();
      if (batch.length > 0) this.options.onItemsChanged(this.memory, batch);
    });
  }
}

function isPeer(origin: unknown): origin is Peer {
  return typeof origin === 'object' && origin !== null && 'fail' in origin && 'send' in origin;
}
