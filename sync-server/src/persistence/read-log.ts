import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Logger } from '@ensemble/runtime';
import { decodeRecords } from './log-records.js';

export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Reads the whole records of a log. A torn or damaged tail (a crash mid-write, a bad disk
 * block) is cut off with a warning so later appends follow the last good record; the cut
 * bytes are kept beside the log (`<log>.damaged-<time>`) for inspection, never just dropped.
 */
export async function readLogRecords(path: string, logger: Logger): Promise<Uint8Array[]> {
  const bytes = await readIfExists(path);
  if (!bytes) return [];
  const decoded = decodeRecords(bytes);
  if (decoded.damage) {
    const kept = `${path}.damaged-${Date.now()}`;
    writeFileSync(kept, bytes.subarray(decoded.goodBytes), { mode: 0o600 });
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, decoded.goodBytes);
    } finally {
      closeSync(fd);
    }
    logger.warn('store.log_tail_truncated', {
      file: path,
      damage: decoded.damage,
      keptRecords: decoded.updates.length,
      droppedBytes: bytes.length - decoded.goodBytes,
      savedTo: kept,
    });
  }
  return decoded.updates;
}
