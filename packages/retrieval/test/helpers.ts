import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, type NewItem, type SpaceId, SpaceMemory } from '@ensemble/core';
import * as Y from 'yjs';

export const alice: Actor = { kind: 'person', id: 'alice' };
export const bob: Actor = { kind: 'person', id: 'bob' };

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-retrieval-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function space(id: SpaceId): SpaceMemory {
  return new SpaceMemory(id, new Y.Doc());
}

export function decision(title: string, body = '', extra: Partial<NewItem> = {}): NewItem {
  return { kind: 'decision', title, body, source: { surface: 'cli' }, status: 'accepted', ...extra };
}
