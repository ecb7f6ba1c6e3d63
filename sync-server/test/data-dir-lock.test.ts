import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../src/data-dir-lock.js';

describe('one hub per data directory', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'ensemble-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a second hub on the same directory and frees it on release', () => {
    const d = dir();
    const first = lockDataDir(d);
    expect(JSON.parse(readFileSync(join(d, 'hub.lock'), 'utf8')).pid).toBe(process.pid);
    expect(() => lockDataDir(d)).toThrow(
      expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/--data-dir/) }),
    );
    first.release();
    expect(existsSync(join(d, 'hub.lock'))).toBe(false);
    lockDataDir(d).release();
  });

  it('refuses a directory locked by another live process', () => {
    const d = dir();
    writeFileSync(join(d, 'hub.lock'), JSON.stringify({ pid: process.ppid }));
    expect(() => lockDataDir(d)).toThrow(new RegExp(`process ${process.ppid}`));
    expect(JSON.parse(readFileSync(join(d, 'hub.lock'), 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over the lock of a hub that died', () => {
    const d = dir();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(join(d, 'hub.lock'), JSON.stringify({ pid: Number(dead) }));
    const lock = lockDataDir(d);
    expect(JSON.parse(readFileSync(join(d, 'hub.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
