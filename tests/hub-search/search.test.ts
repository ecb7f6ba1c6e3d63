import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@ensemble/cli';
import { EnsembleConfig, type SearchResponse, SpaceMemory } from '@ensemble/core';
import { HubClient, silentLogger } from '@ensemble/runtime';
import { createToken, type Hub, hubSecret, searchExtension, startHub } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../utils/wait-for.js';

const PLATFORM = 'acme/platform';
const PAYMENTS = 'acme/payments';
const SECURITY = 'acme/security';

describe('GET /v1/search and the search CLI against a running hub', () => {
  let dir: string;
  let hub: Hub;
  let secret: Uint8Array;
  let config: EnsembleConfig;
  let platformWriter: HubClient;
  let securityWriter: HubClient;
  let reader: string;
  let admin: string;

  const token = (sub: string, spaces: Record<string, 'read' | 'write'>) =>
    createToken(secret, { sub, spaces }, '1h');
  const start = () => startHub({ config, logger: silentLogger, secret, extensions: [searchExtension()] });
  const get = async (path: string, bearer?: string) => {
    const response = await fetch(`${hub.url}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      argv,
      { stdout: (t) => (stdout += t), env: {}, cwd: dir },
      (t) => (stderr += t),
    );
    return { code, stdout, stderr };
  }
  const searchUntil = (client: HubClient, query: string, id: string) =>
    waitFor(
      async () => {
        const answer = await client.search(query);
        return answer.results.some((r) => r.id === id) ? answer : undefined;
      },
      { what: `"${query}" to find ${id}`, timeoutMs: 5000 },
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ensemble-hub-search-'));
    config = EnsembleConfig.parse({
      org: 'acme',
      hub: { port: 0, dataDir: dir },
      teams: [
        { id: 'platform', name: 'Platform' },
        { id: 'payments', name: 'Payments' },
        { id: 'security', name: 'Security' },
      ],
      retrieval: { embedder: { kind: 'hashing', dimensions: 128 } },
    });
    secret = hubSecret(dir, {});
    hub = await start();
    platformWriter = new HubClient({ url: hub.url, token: await token('alice', { [PLATFORM]: 'write' }) });
    securityWriter = new HubClient({ url: hub.url, token: await token('sam', { [SECURITY]: 'write' }) });
    reader = await token('rita', { [PLATFORM]: 'read', [PAYMENTS]: 'read' });
    admin = await token('root', { 'acme/*': 'write' });
  });

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds items written over HTTP and over websocket sync, only in readable spaces', async () => {
    const postgres = await platformWriter.create(PLATFORM, {
      kind: 'decision',
      title: 'Use PostgreSQL 16 for new services',
      body: 'Relational data goes to PostgreSQL on RDS.',
      source: { surface: 'cli', link: 'https://acme.slack.com/archives/C1/p1' },
      status: 'accepted',
    });
    // The best match for the query lives in a space the reader cannot see.
    const secret = await securityWriter.create(SECURITY, {
      kind: 'decision',
      title: 'PostgreSQL 16 credentials rotate every 30 days for new services',
      body: 'PostgreSQL 16 new services PostgreSQL 16.',
      source: { surface: 'cli' },
    });

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${hub.url.replace('http', 'ws')}/v1/sync`, PAYMENTS, doc, {
      params: { token: await token('paula', { [PAYMENTS]: 'write' }) },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    });
    await waitFor(() => provider.synced, { what: 'the payments client to sync' });
    const ledger = new SpaceMemory(PAYMENTS, doc).create(
      { kind: 'decision', title: 'The ledger is append-only', source: { surface: 'vscode' } },
      { kind: 'person', id: 'paula' },
    );

    const readerClient = new HubClient({ url: hub.url, token: reader });
    const found = await searchUntil(readerClient, 'postgresql new services', postgres.id);
    expect(found.spaces.sort()).toEqual([PAYMENTS, PLATFORM]);
    expect(found.results[0]).toMatchObject({
      id: postgres.id,
      space: PLATFORM,
      owner: 'alice',
      status: 'accepted',
      source: { surface: 'cli', link: 'https://acme.slack.com/archives/C1/p1' },
    });
    expect(found.results.some((r) => r.id === secret.id)).toBe(false);
    await searchUntil(readerClient, 'append-only ledger', ledger.id);
    provider.destroy();
    doc.destroy();

    const adminView = await searchUntil(
      new HubClient({ url: hub.url, token: admin }),
      'postgresql 16',
      secret.id,
    );
    expect(adminView.results.map((r) => r.space)).toContain(SECURITY);

    const onlyPlatform = await get(`/v1/search?q=postgresql&space=${PLATFORM}`, reader);
    expect(onlyPlatform.status).toBe(200);
    expect((onlyPlatform.body as SearchResponse).results.every((r) => r.space === PLATFORM)).toBe(true);
  });

  it('refuses unreadable spaces, missing tokens and bad input with coded errors', async () => {
    expect(await get(`/v1/search?q=postgresql&space=${SECURITY}`, reader)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
    expect(await get('/v1/search?q=postgresql')).toMatchObject({ status: 401 });
    expect(await get('/v1/search?q=', reader)).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_input' } },
    });
    expect(await get('/v1/search?q=x&space=not-a-space', reader)).toMatchObject({ status: 400 });
    expect(await get('/v1/search?q=x&limit=0', reader)).toMatchObject({ status: 400 });
    // Nothing already indexed was lost.
    const after = await new HubClient({ url: hub.url, token: reader }).search('postgresql');
    expect(after.results.length).toBeGreaterThan(0);
  });

  it('reflects a supersede: the replacement ranks first', async () => {
    const old = await platformWriter.create(PLATFORM, {
      kind: 'decision',
      title: 'Feature flags live in LaunchDarkly',
      source: { surface: 'cli' },
      status: 'accepted',
    });
    const { replacement } = await platformWriter.supersede(PLATFORM, old.id, {
      kind: 'decision',
      title: 'Feature flags move from LaunchDarkly to Unleash',
      source: { surface: 'cli' },
      status: 'accepted',
    });
    const client = new HubClient({ url: hub.url, token: reader });
    const answer = await waitFor(
      async () => {
        const a = await client.search('LaunchDarkly feature flags');
        return a.results.some((r) => r.id === old.id && r.status === 'superseded') ? a : undefined;
      },
      { what: 'the supersede to be indexed', timeoutMs: 5000 },
    );
    expect(answer.results.slice(0, 2).map((r) => [r.id, r.status])).toEqual([
      [replacement.id, 'accepted'],
      [old.id, 'superseded'],
    ]);
  });

  it('runs `ensemble search` and `ensemble index rebuild` against the hub', async () => {
    const readerArgs = ['--hub', hub.url, '--token', reader];
    const text = await cli(['search', 'postgresql', 'services', ...readerArgs]);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/1\. Use PostgreSQL 16 for new services {2}\[accepted\]/);
    expect(text.stdout).not.toMatch(/credentials rotate/);

    const json = await cli(['search', 'ledger', '--space', PAYMENTS, '--json', ...readerArgs]);
    expect(JSON.parse(json.stdout)).toMatchObject({ spaces: [PAYMENTS], results: [{ space: PAYMENTS }] });

    expect(await cli(['search', ...readerArgs])).toMatchObject({
      code: 1,
      stderr: /invalid_input.*type what to search for/s,
    });
    expect(await cli(['search', 'x', '--space', SECURITY, ...readerArgs])).toMatchObject({
      code: 1,
      stderr: /forbidden/,
    });

    expect(await cli(['index', 'rebuild', ...readerArgs])).toMatchObject({ code: 1, stderr: /forbidden/ });
    const rebuilt = await cli(['index', 'rebuild', '--json', '--hub', hub.url, '--token', admin]);
    expect(rebuilt.code).toBe(0);
    const stats = JSON.parse(rebuilt.stdout) as { rows: number; spaces: string[] };
    expect(stats.spaces).toEqual([PLATFORM, PAYMENTS, 'acme/security']);
    expect(stats.rows).toBe(5);
    const again = await cli(['search', 'postgresql', 'services', '--json', ...readerArgs]);
    expect((JSON.parse(again.stdout) as SearchResponse).results[0]?.title).toBe(
      'Use PostgreSQL 16 for new services',
    );
  });

  it('keeps the index across a restart and catches up with the spaces', async () => {
    await hub.close();
    hub = await start();
    platformWriter = new HubClient({ url: hub.url, token: await token('alice', { [PLATFORM]: 'write' }) });
    const client = new HubClient({ url: hub.url, token: reader });
    const answer = await client.search('postgresql services');
    expect(answer.results[0]?.title).toBe('Use PostgreSQL 16 for new services');
    const fresh = await platformWriter.create(PLATFORM, {
      kind: 'context',
      title: 'Grafana dashboards are provisioned from git',
      source: { surface: 'cli' },
    });
    await searchUntil(client, 'grafana dashboards', fresh.id);
  });
});
