import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SpaceMemory } from '@ensemble/core';
import { build } from 'esbuild';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFileSpaceStore } from '../../src/persistence/index.js';
import { loaded, SPACE, tempDataDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir());
});
afterEach(() => cleanup());

it('keeps every acknowledged append when the process is killed with SIGKILL', async () => {
  // The child runs our TypeScript sources, bundled once; nothing about the store is faked.
  const script = join(dir, 'child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'append-until-killed.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['source'],
    logLevel: 'silent',
    // Some bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const dataDir = join(dir, 'data');
  const child = spawn(process.execPath, [script, dataDir, '5000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acknowledged: string[] = [];
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the child acknowledged too few appends in time')),
      20_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      acknowledged.push(...lines);
      if (acknowledged.length >= 300) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  expect(await exited).toBe('SIGKILL');

  const memory = new SpaceMemory(SPACE, await loaded(createFileSpaceStore({ dataDir })));
  const stored = new Set(memory.list().map((item) => item.title));
  expect(acknowledged.filter((title) => !stored.has(title))).toEqual([]);
  expect(stored.size).toBeGreaterThanOrEqual(300);
});
