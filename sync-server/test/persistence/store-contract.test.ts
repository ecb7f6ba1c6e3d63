import { SpaceMemory } from '@ensemble/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createFileSpaceStore,
  createMemorySpaceStore,
  type MemorySpaces,
  type SpaceStore,
} from '../../src/persistence/index.js';
import { addDecisions, alice, contentOf, loaded, persistedDoc, SPACE, tempDataDir } from './helpers.js';

// Both stores keep the same contract; the hub's own tests use the memory twin.
const kinds: Array<[string, () => Promise<{ open: () => SpaceStore; cleanup: () => Promise<void> }>]> = [
  [
    'file store',
    async () => {
      const { dir, cleanup } = await tempDataDir();
      return { open: () => createFileSpaceStore({ dataDir: dir }), cleanup };
    },
  ],
  [
    'memory store',
    async () => {
      const spaces: MemorySpaces = new Map();
      return { open: () => createMemorySpaceStore(spaces), cleanup: async () => undefined };
    },
  ],
];

describe.each(kinds)('%s', (_name, setup) => {
  let cleanup: () => Promise<void> = async () => undefined;
  afterEach(() => cleanup());

  async function fresh() {
    const env = await setup();
    cleanup = env.cleanup;
    return env.open;
  }

  it('loads nothing for a new space and counts no pending updates', async () => {
    const store = (await fresh())();
    const doc = await loaded(store);
    expect(doc.getMap('items').size).toBe(0);
    expect(store.pendingUpdates(SPACE)).toBe(0);
    await store.close();
  });

  it('round-trips updates through a reopened store', async () => {
    const open = await fresh();
    const store = open();
    const { doc, memory } = persistedDoc(store);
    const [id] = addDecisions(memory, 1);
    memory.confirm(id as string, 'alice');
    expect(store.pendingUpdates(SPACE)).toBe(2);
    await store.close();

    const reopened = open();
    const copy = await loaded(reopened);
    expect(contentOf(copy)).toEqual(contentOf(doc));
    expect(new SpaceMemory(SPACE, copy).require(id as string).status).toBe('accepted');
    await reopened.close();
  });

  it('keeps many small updates in order', async () => {
    const open = await fresh();
    const store = open();
    const { doc, memory } = persistedDoc(store);
    const ids = addDecisions(memory, 300);
    for (const id of ids.slice(0, 100)) memory.update(id, { body: 'revised' }, alice);
    expect(store.pendingUpdates(SPACE)).toBe(400);
    await store.close();

    const copy = await loaded(open());
    expect(contentOf(copy)).toEqual(contentOf(doc));
    expect(new SpaceMemory(SPACE, copy).list().filter((i) => i.body === 'revised')).toHaveLength(100);
  });

  it('compacts into a snapshot that reloads to the same state', async () => {
    const open = await fresh();
    const store = open();
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 50);
    await store.compact(SPACE, doc);
    expect(store.pendingUpdates(SPACE)).toBe(0);
    addDecisions(memory, 5, 'After');
    expect(store.pendingUpdates(SPACE)).toBe(5);
    await store.close();

    const reopened = open();
    const copy = await loaded(reopened);
    expect(contentOf(copy)).toEqual(contentOf(doc));
    expect(reopened.pendingUpdates(SPACE)).toBe(5);
  });

  it('keeps an update appended while a compaction is writing', async () => {
    const open = await fresh();
    const store = open();
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 20);
    const compaction = store.compact(SPACE, doc);
    // Runs before the snapshot reaches the disk: it is not in the snapshot, only in the new log.
    const [late] = addDecisions(memory, 1, 'Late');
    await compaction;
    expect(store.pendingUpdates(SPACE)).toBe(1);
    await store.close();

    const copy = await loaded(open());
    expect(new SpaceMemory(SPACE, copy).get(late as string)?.title).toBe('Late 0');
    expect(contentOf(copy)).toEqual(contentOf(doc));
  });

  it('runs overlapping compactions one after another without losing updates', async () => {
    const open = await fresh();
    const store = open();
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 10);
    const first = store.compact(SPACE, doc);
    addDecisions(memory, 3, 'Between');
    const second = store.compact(SPACE, doc);
    addDecisions(memory, 2, 'Last');
    await Promise.all([first, second]);
    await store.close();
    expect(contentOf(await loaded(open()))).toEqual(contentOf(doc));
  });

  it('rejects bad space ids before touching storage, and keeps stored spaces intact', async () => {
    const open = await fresh();
    const store = open();
    const { doc, memory } = persistedDoc(store);
    addDecisions(memory, 3);
    const bad = [
      '../etc',
      'acme/../../x',
      'acme',
      'Acme/Platform',
      'acme/team/extra',
      '/abs/path',
      'acme/.',
      '',
    ];
    for (const space of bad) {
      expect(() => store.append(space, new Uint8Array([1, 2]))).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
      await expect(store.load(space, new Y.Doc())).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.compact(space, doc)).rejects.toMatchObject({ code: 'invalid_input' });
      expect(() => store.pendingUpdates(space)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
    await store.close();
    expect(contentOf(await loaded(open()))).toEqual(contentOf(doc));
  });

  it('keeps spaces apart', async () => {
    const open = await fresh();
    const store = open();
    const a = persistedDoc(store, 'acme/platform');
    const b = persistedDoc(store, 'acme/payments');
    addDecisions(a.memory, 2, 'Platform');
    addDecisions(b.memory, 3, 'Payments');
    await store.compact('acme/payments', b.doc);
    await store.close();
    const reopened = open();
    expect(contentOf(await loaded(reopened, 'acme/platform'))).toEqual(contentOf(a.doc));
    expect(contentOf(await loaded(reopened, 'acme/payments'))).toEqual(contentOf(b.doc));
  });

  it('refuses work after close with a clear code', async () => {
    const store = (await fresh())();
    await store.close();
    expect(() => store.append(SPACE, new Uint8Array([0, 0]))).toThrow(
      expect.objectContaining({ code: 'unavailable' }),
    );
  });
});
