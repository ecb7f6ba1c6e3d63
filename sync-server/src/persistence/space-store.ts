import type { SpaceId } from '@ensemble/core';
import type * as Y from 'yjs';

/**
 * Where the hub keeps every space between restarts. The hub appends each update before it
 * fans it out, loads a space before serving any sync for it, and compacts on unload, on
 * shutdown, or when the log grows long.
 */
export interface SpaceStore {
  /** Applies the space's stored snapshot and log to `doc` (nothing if the space is new). */
  load(space: SpaceId, doc: Y.Doc): Promise<void>;
  /** Appends one update to the space's log; returns once the bytes are handed to the OS (survives kill -9). */
  append(space: SpaceId, update: Uint8Array): void;
  /** Replaces the space's log and snapshot by one snapshot of `doc` (on unload, shutdown, or when the log is long). */
  compact(space: SpaceId, doc: Y.Doc): Promise<void>;
  /** Number of updates appended since the last snapshot. */
  pendingUpdates(space: SpaceId): number;
  close(): Promise<void>;
}

/**
 * The transaction origin of updates applied by `load`. The hub's update listener skips it so
 * that loading a space never appends its own history to the log again.
 */
export const STORE_LOAD_ORIGIN: unique symbol = Symbol('ensemble.store.load');
