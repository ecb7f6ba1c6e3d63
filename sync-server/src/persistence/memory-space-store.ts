import { EnsembleError, ErrorCode, type SpaceId } from '@ensemble/core';
import * as Y from 'yjs';
import { requireSpaceId } from './space-path.js';
import { type SpaceStore, STORE_LOAD_ORIGIN } from './space-store.js';

export interface StoredSpace {
  snapshot: Uint8Array | undefined;
  log: Uint8Array[];
}

/** The contents of a memory store; pass the same map to a new store to simulate a restart. */
export type MemorySpaces = Map<SpaceId, StoredSpace>;

/**
 * The in-memory twin of the file store, for tests of code that uses a SpaceStore. Same
 * contract (ids validated, bytes copied, compaction keeps concurrent appends), no disk.
 */
export function createMemorySpaceStore(spaces: MemorySpaces = new Map()): SpaceStore {
  let closed = false;

  const stored = (space: SpaceId, action: string): StoredSpace => {
    if (closed)
      throw new EnsembleError(ErrorCode.Unavailable, `Cannot ${action}: the space store is closed.`);
    const id = requireSpaceId(space);
    let entry = spaces.get(id);
    if (!entry) {
      entry = { snapshot: undefined, log: [] };
      spaces.set(id, entry);
    }
    return entry;
  };

  return {
    async load(space, doc) {
      const entry = stored(space, 'load a space');
      doc.transact(() => {
        if (entry.snapshot) Y.applyUpdate(doc, entry.snapshot, STORE_LOAD_ORIGIN);
        for (const update of entry.log) Y.applyUpdate(doc, update, STORE_LOAD_ORIGIN);
      }, STORE_LOAD_ORIGIN);
    },

    append(space, update) {
      // Copied: callers may reuse their buffer, and a stored update must never change.
      stored(space, 'store an update').log.push(update.slice());
    },

    async compact(space, doc) {
      const entry = stored(space, 'compact a space');
      const snapshot = Y.encodeStateAsUpdate(doc);
      const covered = new Set(entry.log);
      // Let appends run in between, as they would while the file store writes to disk.
      await Promise.resolve();
      entry.snapshot = snapshot;
      entry.log = entry.log.filter((update) => !covered.has(update));
    },

    pendingUpdates(space) {
      return spaces.get(requireSpaceId(space))?.log.length ?? 0;
    },

    async close() {
      closed = true;
    },
  };
}
