import { join, relative, resolve, sep } from 'node:path';
import { EnsembleError, ErrorCode, SpaceId } from '@ensemble/core';

/** Parses a space id at the storage boundary; a bad id never reaches the file system. */
export function requireSpaceId(space: unknown): SpaceId {
  const parsed = SpaceId.safeParse(space);
  if (!parsed.success) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `Cannot store space ${JSON.stringify(space)}: space ids look like "acme/platform" (lowercase org and team).`,
    );
  }
  return parsed.data;
}

/** The folder of one space: `<dataDir>/spaces/<org>/<team>`, checked to stay inside the data dir. */
export function spaceDir(dataDir: string, space: unknown): string {
  const id = requireSpaceId(space);
  const root = resolve(dataDir, 'spaces');
  const [org = '', team = ''] = id.split('/');
  const dir = join(root, org, team);
  // Belt and braces: the id regex already forbids dots and separators.
  const rel = relative(root, dir);
  if (rel.startsWith('..') || rel.split(sep).length !== 2) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `Space ${id} does not map to a folder under the data dir.`,
    );
  }
  return dir;
}

export interface SpaceFiles {
  dir: string;
  snapshot: string;
  snapshotTmp: string;
  log: string;
  /** The log that receives appends while a compaction is writing the snapshot. */
  nextLog: string;
}

export function spaceFiles(dataDir: string, space: unknown): SpaceFiles {
  const dir = spaceDir(dataDir, space);
  return {
    dir,
    snapshot: join(dir, 'snapshot.bin'),
    snapshotTmp: join(dir, 'snapshot.bin.tmp'),
    log: join(dir, 'log.bin'),
    nextLog: join(dir, 'log.next.bin'),
  };
}
