import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  readFileSync,
  unlinkSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { asEnsembleError, EnsembleError, ErrorCode, isEnsembleError, type SpaceId } from '@ensemble/core';
import { type Logger, silentLogger } from '@ensemble/runtime';
import * as Y from 'yjs';
import { fsyncDirSync, type OpenLog, openLog, replaceFileDurably, writeAllSync } from './durable-fs.js';
import { decodeRecords, encodeRecord, RECORD_HEADER_BYTES } from './log-records.js';
import { readIfExists, readLogRecords } from './read-log.js';
import { requireSpaceId, type SpaceFiles, spaceFiles } from './space-path.js';
import { type SpaceStore, STORE_LOAD_ORIGIN } from './space-store.js';

export interface FileSpaceStoreOptions {
  /** Root folder; each space lives in `<dataDir>/spaces/<org>/<team>/`. */
  dataDir: string;
  logger?: Logger;
  /**
   * Also fsync the log after every append, so an update survives power loss and not only a
   * killed process. Costs a disk flush per update; off by default.
   */
  fsyncEveryUpdate?: boolean;
}

interface SpaceState {
  files: SpaceFiles;
  /** Opened on the first append; closed again when a compaction leaves the log empty. */
  log: OpenLog | undefined;
  pending: number;
  /** Compactions of one space run one after another. */
  compaction: Promise<void>;
  compacting: number;
}

/** The embedded default: a snapshot and an append-only log per space, in a data directory. */
export function createFileSpaceStore(options: FileSpaceStoreOptions): SpaceStore {
  const logger = options.logger ?? silentLogger;
  const spaces = new Map<SpaceId, SpaceState>();
  let closed = false;

  const stateOf = (space: SpaceId): SpaceState => {
    const id = requireSpaceId(space);
    let state = spaces.get(id);
    if (!state) {
      state = {
        files: spaceFiles(options.dataDir, id),
        log: undefined,
        pending: 0,
        compaction: Promise.resolve(),
        compacting: 0,
      };
      spaces.set(id, state);
    }
    return state;
  };

  /** Turns a file-system error into one that names the space and says what to check. */
  const storageFailure = (space: SpaceId, action: string, outcome: string, e: unknown): EnsembleError => {
    if (isEnsembleError(e)) return e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    logger.error('store.io_failed', { space, action, error: code });
    return new EnsembleError(
      ErrorCode.Unavailable,
      `Could not ${action} space ${space} (${code}): check free disk space and permissions of the data dir. ${outcome}`,
    );
  };

  const assertOpen = (action: string) => {
    if (closed)
      throw new EnsembleError(ErrorCode.Unavailable, `Cannot ${action}: the space store is closed.`);
  };

  const currentLog = (state: SpaceState): OpenLog => {
    if (!state.log) {
      mkdirSync(state.files.dir, { recursive: true });
      state.log = openLog(state.files.log);
    }
    return state.log;
  };

  /**
   * A compaction that failed (or a crash) can leave appends in the next-log. Before a new
   * compaction reuses that name, move its records onto the end of the main log, so they stay
   * stored until the new snapshot holds them.
   */
  const foldNextLog = (state: SpaceState) => {
    const { files } = state;
    if (!existsSync(files.nextLog)) return;
    if (state.log) closeSync(state.log.fd);
    state.log = undefined;
    const bytes = readFileSync(files.nextLog);
    const main = openLog(files.log);
    try {
      writeAllSync(main.fd, bytes.subarray(0, decodeRecords(bytes).goodBytes));
      fsyncSync(main.fd);
    } finally {
      closeSync(main.fd);
    }
    unlinkSync(files.nextLog);
    fsyncDirSync(files.dir);
  };

  const compactNow = async (space: SpaceId, state: SpaceState, doc: Y.Doc) => {
    const { files } = state;
    mkdirSync(files.dir, { recursive: true });
    foldNextLog(state);
    const snapshot = Y.encodeStateAsUpdate(doc);
    // From here on appends go to the next log: they are not in `snapshot`, so they must
    // outlive the old log, which the next log replaces once the snapshot is on disk.
    const previous = state.log;
    const pendingBefore = state.pending;
    state.log = openLog(files.nextLog, true);
    state.pending = 0;
    if (previous) closeSync(previous.fd);
    try {
      await replaceFileDurably(files.snapshotTmp, files.snapshot, files.dir, snapshot);
      await rename(files.nextLog, files.log);
      fsyncDirSync(files.dir);
    } catch (e) {
      state.pending += pendingBefore;
      throw e;
    }
    if (state.log) state.log.path = files.log;
    if (state.log && state.pending === 0) {
      // Idle spaces should not hold a file descriptor each.
      closeSync(state.log.fd);
      state.log = undefined;
    }
    logger.debug('store.compacted', { space, bytes: snapshot.byteLength, folded: pendingBefore });
  };

  const store: SpaceStore = {
    async load(space, doc) {
      assertOpen('load a space');
      const state = stateOf(space);
      await state.compaction;
      const { files } = state;
      let snapshot: Buffer | undefined;
      let logged: Uint8Array[];
      let next: Uint8Array[] = [];
      const interrupted = existsSync(files.nextLog);
      try {
        snapshot = await readIfExists(files.snapshot);
        logged = await readLogRecords(files.log, logger);
        if (interrupted) next = await readLogRecords(files.nextLog, logger);
      } catch (e) {
        throw storageFailure(space, 'read', 'Nothing was changed on disk.', e);
      }
      try {
        // One transaction: observers fire once and Yjs merges the structs in one pass.
        doc.transact(() => {
          if (snapshot) Y.applyUpdate(doc, snapshot, STORE_LOAD_ORIGIN);
          for (const update of logged) Y.applyUpdate(doc, update, STORE_LOAD_ORIGIN);
          for (const update of next) Y.applyUpdate(doc, update, STORE_LOAD_ORIGIN);
        }, STORE_LOAD_ORIGIN);
      } catch (e) {
        throw new EnsembleError(
          ErrorCode.Internal,
          `The stored state of space ${space} in ${files.dir} could not be applied (${(e as Error).message}). Restore that folder from a backup, or move snapshot.bin away to start from the log alone.`,
        );
      }
      // Reading may have cut a torn tail off the log this store has open.
      if (state.log) state.log.size = fstatSync(state.log.fd).size;
      state.pending = logged.length + next.length;
      // A crash during compaction left two logs: fold them into one snapshot now.
      if (!interrupted) return;
      try {
        await store.compact(space, doc);
      } catch (e) {
        // Both logs are still on disk and the doc is whole: serve it, compact again later.
        logger.warn('store.recovery_compact_failed', { space, error: asEnsembleError(e).code });
      }
    },

    append(space, update) {
      assertOpen('store an update');
      const state = stateOf(space);
      let log: OpenLog | undefined;
      try {
        log = currentLog(state);
        writeAllSync(log.fd, encodeRecord(update));
        if (options.fsyncEveryUpdate) fdatasyncSync(log.fd);
      } catch (e) {
        // Cut a partial record off so later appends stay readable after it.
        if (log) ftruncateSafely(log);
        throw storageFailure(space, 'store an update of', 'The update was not stored.', e);
      }
      log.size += RECORD_HEADER_BYTES + update.byteLength;
      state.pending += 1;
    },

    async compact(space, doc) {
      assertOpen('compact a space');
      const id = requireSpaceId(space);
      const state = stateOf(id);
      // Start at once when idle, so the snapshot holds exactly what was appended before the call.
      const run = (
        state.compacting
          ? state.compaction.then(() => compactNow(id, state, doc))
          : compactNow(id, state, doc)
      ).catch((e: unknown) => {
        throw storageFailure(
          id,
          'write the snapshot of',
          'Nothing was lost: the log still holds every update.',
          e,
        );
      });
      const settled = run.catch(() => undefined);
      state.compaction = settled;
      state.compacting += 1;
      void settled.then(() => {
        state.compacting -= 1;
      });
      return run;
    },

    pendingUpdates(space) {
      return spaces.get(requireSpaceId(space))?.pending ?? 0;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...spaces.values()].map((s) => s.compaction));
      for (const state of spaces.values()) {
        if (state.log) closeSync(state.log.fd);
        state.log = undefined;
      }
    },
  };
  return store;
}

function ftruncateSafely(log: OpenLog) {
  try {
    ftruncateSync(log.fd, log.size);
  } catch {
    // The next load cuts a torn tail anyway; the append already reports the failure.
  }
}
