import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HubClient } from '@ensemble/runtime';
import { createToken, hubSecret } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../utils/wait-for.js';
import { connectClient, decision, PLATFORM, type SyncClient, tempDir } from './harness.js';

const cliMain = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));

/** Runs the built CLI's `serve` as a real process and resolves with its URL. */
async function spawnHub(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(cliMain))
    throw new Error('Build first (npm run build): the crash test runs the built CLI.');
  const { ENSEMBLE_TOKEN_SECRET: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [cliMain, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: dataDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.resume();
  const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(out)?.[1], {
    what: 'the hub process to start',
  });
  return { child, url };
}

describe('kill -9 of the hub under writes', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('loses no update the hub acknowledged before it was killed', async () => {
    const dir = tempDir('ensemble-crash-');
    cleanups.push(dir.remove);
    const secret = hubSecret(dir.path, {});
    const token = await createToken(secret, { sub: 'alice', spaces: { [PLATFORM]: 'write' } }, '1h');
    const first = await spawnHub(dir.path);
    cleanups.push(() => first.child.kill('SIGKILL'));

    const clients: SyncClient[] = [];
    cleanups.push(() => {
      for (const c of clients) c.destroy();
    });
    const syncUrl = `${first.url.replace('http', 'ws')}/v1/sync`;
    const writer = connectClient(syncUrl, PLATFORM, token);
    const reader = connectClient(syncUrl, PLATFORM, token);
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);

    // Acknowledged = seen by another client (the hub fans out only after appending) or a 201.
    const seenByReader = new Set<string>();
    reader.memory.observe((changes) => {
      for (const c of changes) seenByReader.add(c.id);
    });
    const acknowledgedByHttp: string[] = [];
    const http = new HubClient({ url: first.url, token, timeoutMs: 2000 });
    let killed = false;

    const websocketWrites = (async () => {
      for (let i = 0; i < 3000 && !killed; i++) {
        writer.memory.create(decision(`ws ${i}`), { kind: 'person', id: 'alice' });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const httpWrites = (async () => {
      for (let i = 0; i < 3000 && !killed; i++) {
        try {
          acknowledgedByHttp.push((await http.create(PLATFORM, decision(`http ${i}`))).id);
        } catch {
          return; // the hub is gone
        }
      }
    })();

    await waitFor(() => seenByReader.size >= 150 && acknowledgedByHttp.length >= 20, {
      timeoutMs: 20_000,
      what: 'writes to flow',
    });
    first.child.kill('SIGKILL');
    killed = true;
    await new Promise((resolve) => first.child.once('exit', resolve));
    const acknowledged = new Set([...seenByReader, ...acknowledgedByHttp]);
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all([websocketWrites, httpWrites]);

    const second = await spawnHub(dir.path);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const { items, quarantined } = await new HubClient({ url: second.url, token }).list(PLATFORM);
    const stored = new Set(items.map((i) => i.id));
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(quarantined).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);

    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  }, 60_000);
});
