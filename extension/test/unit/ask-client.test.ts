import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnswerEvent, EnsembleConfig, person } from '@ensemble/core';
import { silentLogger } from '@ensemble/runtime';
import { askExtension, createToken, type Hub, hubSecret, startHub } from '@ensemble/sync-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askHub } from '../../src/ask-client.js';
import { LocalSpace } from '../../src/local-space.js';
import { syncServerUrl } from '../../src/settings.js';

const SPACE = 'acme/platform';
const collect = async (events: AsyncIterable<AnswerEvent>) => {
  const out: AnswerEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('asking the hub', () => {
  let dir: string;
  let hub: Hub;
  let token: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensemble-ext-ask-'));
    const config = EnsembleConfig.parse({
      org: 'acme',
      hub: { port: 0, dataDir: join(dir, 'hub') },
      teams: [{ id: 'platform', name: 'Platform', members: ['alice'] }],
    });
    hub = await startHub({ config, logger: silentLogger, extensions: [askExtension()] });
    token = await createToken(
      hubSecret(config.hub.dataDir),
      { sub: 'alice', spaces: { [SPACE]: 'write' } },
      '1h',
    );
  });

  afterEach(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams an answer that cites a recorded decision and names its owner', async () => {
    const local = await LocalSpace.open({ space: SPACE, storageDir: join(dir, 'ext'), logger: silentLogger });
    local.memory.create(
      {
        kind: 'decision',
        title: 'Use PostgreSQL for the orders database',
        body: 'We need transactions.',
        status: 'accepted',
        source: { surface: 'vscode', path: 'src/db.ts', line: 2 },
      },
      { kind: 'person', id: 'alice' },
    );
    local.connect(syncServerUrl(hub.url), token);
    await local.whenSynced(10_000);
    await local.dispose();

    const events = await collect(
      askHub({
        hubUrl: hub.url,
        token,
        request: { question: 'Which database do we use for orders?', space: SPACE },
      }),
    );
    expect(events.some((e) => e.type === 'delta')).toBe(true);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.answer.owners).toContain('alice');
    expect(done.answer.sources.map((s) => s.title)).toContain('Use PostgreSQL for the orders database');
  });

  it('ends with one error event that says what to do for a bad token, bad input or no hub', async () => {
    const writer = await LocalSpace.open({
      space: SPACE,
      storageDir: join(dir, 'writer'),
      logger: silentLogger,
    });
    const kept = writer.memory.create(
      { kind: 'decision', title: 'Keep me', source: { surface: 'vscode' } },
      person('alice'),
    );
    writer.connect(syncServerUrl(hub.url), token);
    await writer.whenSynced(10_000);
    await writer.dispose();
    const request = { question: 'Which database?', space: SPACE };
    const rejected = await collect(askHub({ hubUrl: hub.url, token: `${token}x`, request }));
    expect(rejected).toEqual([
      { type: 'error', code: 'unauthorized', message: expect.stringContaining('Connect') },
    ]);
    const empty = await collect(askHub({ hubUrl: hub.url, token, request: { ...request, question: '  ' } }));
    expect(empty).toEqual([
      { type: 'error', code: 'invalid_input', message: expect.stringContaining('ask a question') },
    ]);
    const down = await collect(askHub({ hubUrl: `http://127.0.0.1:${await closedPort()}`, token, request }));
    expect(down).toEqual([
      { type: 'error', code: 'unavailable', message: expect.stringContaining('ensemble.hubUrl') },
    ]);

    const reader = await LocalSpace.open({
      space: SPACE,
      storageDir: join(dir, 'reader'),
      logger: silentLogger,
    });
    reader.connect(syncServerUrl(hub.url), token);
    await reader.whenSynced(10_000);
    expect(reader.memory.get(kept.id)?.title).toBe('Keep me');
    await reader.dispose();
  });
  it('gives up on a hub that stops answering, within the time limit', async () => {
    const sockets = new Set<Socket>();
    const stalled = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    try {
      const started = Date.now();
      const events = await collect(
        askHub({
          hubUrl: `http://127.0.0.1:${address.port}`,
          token,
          timeoutMs: 300,
          request: { question: 'Which database?', space: SPACE },
        }),
      );
      expect(events).toEqual([
        { type: 'error', code: 'unavailable', message: expect.stringContaining('within 0.3 s') },
      ]);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });
});
