import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@ensemble/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFileSpaceStore } from '../../src/persistence/index.js';
import { encodeRecord } from '../../src/persistence/log-records.js';
import { addDecisions, contentOf, loaded, persistedDoc, SPACE, tempDataDir } from './helpers.js';

let dataDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDataDir());
});
afterEach(() => cleanup());

const spaceDir = () => join(dataDir, 'spaces', 'acme', 'platform');
const logPath = () => join(spaceDir(), 'log.bin');

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }) };
}

/** Writes `count` decisions through a store, closes it, and returns the writer's doc. */
async function storeDecisions(count: number): Promise<Y.Doc> {
  const store = createFileSpaceStore({ dataDir });
  const { doc, memory } = persistedDoc(store);
  addDecisions(memory, count);
  await store.close();
  return doc;
}

describe('file store on disk', () => {
  it('keeps each space in <dataDir>/spaces/<org>/<team>/ as snapshot.bin and log.bin', async () => {
    const store = createFileSpaceStore({ dataDir });
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 2);
    expect(readdirSync(spaceDir())).toEqual(['log.bin']);
    await store.compact(SPACE, doc);
    expect(readdirSync(spaceDir()).sort()).toEqual(['log.bin', 'snapshot.bin']);
    expect(statSync(logPath()).size).toBe(0);
    // The snapshot is one plain Yjs update: any Yjs client can read it.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, readFileSync(join(spaceDir(), 'snapshot.bin')));
    expect(contentOf(copy)).toEqual(contentOf(doc));
    await store.close();
  });

  it('cuts a torn tail record, keeps every earlier update, and appends after it', async () => {
    const doc = await storeDecisions(5);
    const intact = statSync(logPath()).size;
    // A crash mid-write: the header and half of the next record reached the disk.
    appendFileSync(logPath(), encodeRecord(new Uint8Array(40).fill(7)).subarray(0, 20));
    const { lines, logger } = recordingLogger();
    const store = createFileSpaceStore({ dataDir, logger });
    const copy = await loaded(store);
    expect(contentOf(copy)).toEqual(contentOf(doc));
    expect(statSync(logPath()).size).toBe(intact);
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'store.log_tail_truncated', damage: 'torn' }),
    );
    // The cut bytes are kept aside for inspection, not thrown away.
    const saved = readdirSync(spaceDir()).filter((f) => f.startsWith('log.bin.damaged-'));
    expect(saved).toHaveLength(1);
    expect(statSync(join(spaceDir(), saved[0] as string)).size).toBe(20);

    const writer = persistedDoc(store);
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(copy));
    addDecisions(writer.memory, 1, 'After crash');
    await store.close();
    expect(contentOf(await loaded(createFileSpaceStore({ dataDir })))).toEqual(contentOf(writer.doc));
  });

  it('cuts a record whose checksum does not match and everything after it', async () => {
    const doc = await storeDecisions(3);
    const good = statSync(logPath()).size;
    const damaged = encodeRecord(new Uint8Array([1, 2, 3, 4, 5, 6]));
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 0xff, damaged.length - 1);
    appendFileSync(logPath(), damaged);
    appendFileSync(logPath(), encodeRecord(new Uint8Array([9, 9])));
    const { lines, logger } = recordingLogger();
    const copy = await loaded(createFileSpaceStore({ dataDir, logger }));
    expect(contentOf(copy)).toEqual(contentOf(doc));
    expect(statSync(logPath()).size).toBe(good);
    expect(lines).toContainEqual(expect.objectContaining({ damage: 'checksum', keptRecords: 3 }));
  });

  it('cuts a zero-filled tail instead of reading it as empty records', async () => {
    const doc = await storeDecisions(2);
    appendFileSync(logPath(), new Uint8Array(64));
    const { lines, logger } = recordingLogger();
    expect(contentOf(await loaded(createFileSpaceStore({ dataDir, logger })))).toEqual(contentOf(doc));
    expect(lines).toContainEqual(expect.objectContaining({ damage: 'empty-record' }));
  });

  it('recovers a compaction interrupted by a crash (a next log left beside the old one)', async () => {
    const doc = await storeDecisions(4);
    // The crash came after new appends went to the next log, before it replaced log.bin.
    const late = persistedDoc(createFileSpaceStore({ dataDir }));
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(doc));
    const update = Y.encodeStateAsUpdate(late.doc);
    writeFileSync(join(spaceDir(), 'log.next.bin'), encodeRecord(update));
    const store = createFileSpaceStore({ dataDir });
    expect(contentOf(await loaded(store))).toEqual(contentOf(doc));
    // Loading folded both logs into one snapshot.
    expect(existsSync(join(spaceDir(), 'log.next.bin'))).toBe(false);
    expect(store.pendingUpdates(SPACE)).toBe(0);
    await store.close();
    expect(contentOf(await loaded(createFileSpaceStore({ dataDir })))).toEqual(contentOf(doc));
  });

  it('keeps every update when writing a snapshot fails, and compacts later', async () => {
    const store = createFileSpaceStore({ dataDir });
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 3);
    // A folder where the temp snapshot goes makes the write fail, even for root.
    mkdirSync(join(spaceDir(), 'snapshot.bin.tmp'));
    await expect(store.compact(SPACE, doc)).rejects.toMatchObject({ code: 'unavailable' });
    expect(store.pendingUpdates(SPACE)).toBe(3);
    addDecisions(memory, 2, 'After failure');
    expect(store.pendingUpdates(SPACE)).toBe(5);

    await rm(join(spaceDir(), 'snapshot.bin.tmp'), { recursive: true });
    await store.compact(SPACE, doc);
    expect(store.pendingUpdates(SPACE)).toBe(0);
    expect(existsSync(join(spaceDir(), 'log.next.bin'))).toBe(false);
    await store.close();
    expect(contentOf(await loaded(createFileSpaceStore({ dataDir })))).toEqual(contentOf(doc));
  });

  it('loads a space whose recovery compaction fails, with a warning', async () => {
    const store = createFileSpaceStore({ dataDir });
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 3);
    mkdirSync(join(spaceDir(), 'snapshot.bin.tmp'));
    await expect(store.compact(SPACE, doc)).rejects.toMatchObject({ code: 'unavailable' });
    addDecisions(memory, 2, 'After failure');
    await store.close();

    const { lines, logger } = recordingLogger();
    const reopened = createFileSpaceStore({ dataDir, logger });
    expect(contentOf(await loaded(reopened))).toEqual(contentOf(doc));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'store.recovery_compact_failed' }));
    await rm(join(spaceDir(), 'snapshot.bin.tmp'), { recursive: true });
    await reopened.close();
    expect(contentOf(await loaded(createFileSpaceStore({ dataDir })))).toEqual(contentOf(doc));
  });

  it('refuses a damaged snapshot with a message that says what to do, and deletes nothing', async () => {
    await storeDecisions(2);
    const snapshot = join(spaceDir(), 'snapshot.bin');
    writeFileSync(snapshot, new Uint8Array([255, 255, 255, 255, 255, 255]));
    await expect(createFileSpaceStore({ dataDir }).load(SPACE, new Y.Doc())).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('Restore that folder from a backup'),
    });
    expect(existsSync(snapshot)).toBe(true);
    expect(statSync(logPath()).size).toBeGreaterThan(0);
  });

  it('flushes every update when asked to (fsyncEveryUpdate)', async () => {
    const store = createFileSpaceStore({ dataDir, fsyncEveryUpdate: true });
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 3);
    await store.close();
    expect(contentOf(await loaded(createFileSpaceStore({ dataDir })))).toEqual(contentOf(doc));
  });
});
