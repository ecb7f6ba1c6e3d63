import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { person, SpaceMemory } from '@ensemble/core';
import * as Y from 'yjs';
import type { SpaceStore } from '../../src/persistence/index.js';
import { STORE_LOAD_ORIGIN } from '../../src/persistence/index.js';

export const SPACE = 'acme/platform';
export const alice = person('alice');

/** A fresh data dir per test, removed afterwards by the returned cleanup. */
export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A doc whose every local update is appended to the store, as the hub does before fan-out. */
export function persistedDoc(store: SpaceStore, space = SPACE): { doc: Y.Doc; memory: SpaceMemory } {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== STORE_LOAD_ORIGIN) store.append(space, update);
  });
  return { doc, memory: new SpaceMemory(space, doc) };
}

export function addDecisions(memory: SpaceMemory, count: number, prefix = 'Decision'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const item = memory.create(
      {
        kind: 'decision',
        title: `${prefix} ${i}`,
        body: `Because of reason ${i}`,
        source: { surface: 'cli' },
        tags: ['db'],
      },
      alice,
    );
    ids.push(item.id);
  }
  return ids;
}

export async function loaded(store: SpaceStore, space = SPACE): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await store.load(space, doc);
  return doc;
}

/** What two replicas must agree on: the items and which updates they have seen. */
export function contentOf(doc: Y.Doc): unknown {
  return { items: doc.getMap('items').toJSON(), stateVector: [...Y.encodeStateVector(doc)] };
}
