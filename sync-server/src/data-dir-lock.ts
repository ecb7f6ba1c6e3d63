import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnsembleError, ErrorCode } from '@ensemble/core';

const LOCK_FILE = 'hub.lock';
/** Data dirs held by hubs of this process (a pid check cannot tell them apart). */
const heldHere = new Set<string>();

export interface DataDirLock {
  release(): void;
}

/**
 * One hub per data directory: two hubs compacting the same space files would overwrite each
 * other's snapshots and lose acknowledged writes. A lock left by a hub that died (kill -9) names
 * a process that no longer exists and is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  if (heldHere.has(dir)) throw inUse(dir, process.pid);
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const holder = lockHolder(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw inUse(dir, holder);
      unlinkSync(file);
    }
  }
  heldHere.add(dir);
  return {
    release() {
      if (!heldHere.delete(dir)) return;
      if (lockHolder(file) === process.pid) unlinkSync(file);
    },
  };
}

function lockHolder(file: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dir: string, pid: number): EnsembleError {
  return new EnsembleError(
    ErrorCode.Unavailable,
    `Another hub (process ${pid}) is using the data directory ${dir}. Stop it, or give this hub its own --data-dir.`,
  );
}
