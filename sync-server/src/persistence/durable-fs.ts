import { closeSync, constants, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';

/** An open append-only log: the file descriptor and how many bytes of whole records it holds. */
export interface OpenLog {
  fd: number;
  path: string;
  size: number;
}

/** Opens a log for appending; `fresh` empties it first. O_APPEND keeps writes at the end after a rollback. */
export function openLog(path: string, fresh = false): OpenLog {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (fresh ? constants.O_TRUNC : 0);
  const fd = openSync(path, flags, 0o600);
  return { fd, path, size: fstatSync(fd).size };
}

/** writeSync may write less than asked (e.g. near a full disk): loop until every byte is handed over. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.byteLength) {
    written += writeSync(fd, bytes, written, bytes.byteLength - written);
  }
}

/** Makes a rename or unlink in `dir` durable: the directory entry itself must reach the disk. */
export function fsyncDirSync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `target` by `bytes` so that a crash leaves either the old or the new file, never a
 * mix: write a temp file, fsync it, rename it over the target, fsync the folder.
 */
export async function replaceFileDurably(tmp: string, target: string, dir: string, bytes: Uint8Array) {
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, target);
  fsyncDirSync(dir);
}
