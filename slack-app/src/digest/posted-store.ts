import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const PostedRecord = z.object({
  key: z.string(),
  state: z.enum(['posting', 'posted']),
  claimedAt: z.iso.datetime(),
  channel: z.string(),
  ts: z.string().optional(),
});
export type PostedRecord = z.infer<typeof PostedRecord>;

/**
 * Records which digests were posted, as one marker file per team channel and week.
 * Claiming creates the file with O_EXCL ('wx'): of two instances (or a restarted one) exactly
 * one wins, without a lock server. A claim is released only when posting failed, so a digest
 * that may have been posted is never posted again (at most once beats twice in a channel).
 * Instances on several machines must share the directory (a volume).
 */
export class PostedStore {
  constructor(private readonly dir: string) {}

  /** True when this caller may post `key`; false when someone already did or is doing it. */
  async claim(key: string, channel: string): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    const record: PostedRecord = { key, state: 'posting', claimedAt: new Date().toISOString(), channel };
    try {
      await writeFile(this.file(key), JSON.stringify(record), { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }

  async complete(key: string, channel: string, ts: string | undefined): Promise<void> {
    const current = await this.get(key);
    const record: PostedRecord = {
      key,
      state: 'posted',
      claimedAt: current?.claimedAt ?? new Date().toISOString(),
      channel,
      ...(ts ? { ts } : {}),
    };
    const tmp = `${this.file(key)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(record));
    // Overwrite via rename so a reader never sees half a file.
    await rename(tmp, this.file(key));
  }

  async release(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async get(key: string): Promise<PostedRecord | undefined> {
    try {
      const parsed = PostedRecord.safeParse(JSON.parse(await readFile(this.file(key), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private file(key: string): string {
    return join(this.dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }
}
