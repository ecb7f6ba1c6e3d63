import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SpaceId } from '@ensemble/core';
import * as Y from 'yjs';

/** Where a space's local copy lives inside the extension's storage folder. */
export function stateFileOf(storageDir: string, space: SpaceId): string {
  return join(storageDir, 'spaces', `${space.replace('/', '__')}.yjs`);
}

export type LoadResult = 'loaded' | 'empty' | 'set-aside';

/**
 * Applies a saved local copy to `doc`; a missing file is an empty copy, not an error. A file that
 * is not a Yjs update is renamed aside (never deleted: it may hold unsynced decisions) and the
 * copy starts empty, to be refilled from the hub.
 */
export async function loadState(file: string, doc: Y.Doc): Promise<LoadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'empty';
    throw e;
  }
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, new Uint8Array(bytes));
  } catch {
    await rename(file, `${file}.unreadable-${Date.now()}`);
    return 'set-aside';
  } finally {
    probe.destroy();
  }
  Y.applyUpdate(doc, new Uint8Array(bytes), 'local-copy');
  return 'loaded';
}

/** Writes the whole state through a temp file and a rename, so a crash never leaves half a copy. */
export async function saveState(file: string, doc: Y.Doc): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Y.encodeStateAsUpdate(doc));
  await rename(tmp, file);
}
