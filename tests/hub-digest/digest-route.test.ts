import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryUsageLedger } from '@ensemble/assistant';
import { DigestData, EnsembleConfig, type Item } from '@ensemble/core';
import { HubClient, silentLogger } from '@ensemble/runtime';
import { createToken, digestExtension, type Hub, startHub } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLATFORM = 'acme/platform';
const MOBILE = 'acme/mobile';

describe('hub digest extension', () => {
  let hub: Hub;
  let dir: string;
  const secret = new TextEncoder().encode('a-test-hub-secret-of-at-least-32-bytes!');
  const token = (sub: string, spaces: Record<string, 'read' | 'write'>) =>
    createToken(secret, { sub, spaces }, '1h');
  const client = async (sub: string) =>
    new HubClient({ url: hub.url, token: await token(sub, { [PLATFORM]: 'write', [MOBILE]: 'write' }) });
  let ours: Item;
  let theirs: Item;
  let conflict: Item;
  let since: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ensemble-digest-'));
    const config = EnsembleConfig.parse({
      hub: { host: '127.0.0.1', port: 0, dataDir: dir },
      people: [
        { id: 'alice', name: 'Alice' },
        { id: 'carol', name: 'Carol' },
        { id: 'mallory', name: 'Mallory' },
      ],
      teams: [
        { id: 'platform', name: 'Platform' },
        { id: 'mobile', name: 'Mobile' },
      ],
    });
    const ledger = new MemoryUsageLedger();
    const usage = (team: string, at: string, inputTokens: number) =>
      ledger.record({
        at,
        team,
        model: 'extractive',
        role: 'answer',
        inputTokens,
        outputTokens: 10,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        costUsd: 0.5,
        latencyMs: 1,
        outcome: 'ok',
      });
    await usage('platform', '2020-01-01T00:00:00.000Z', 999);
    await usage('mobile', new Date(Date.now() + 60_000).toISOString(), 999);
    await usage('platform', new Date(Date.now() + 60_000).toISOString(), 100);
    hub = await startHub({ config, secret, logger: silentLogger, extensions: [digestExtension({ ledger })] });
    const alice = await client('alice');
    const old = await alice.create(PLATFORM, {
      kind: 'decision',
      title: 'Old decision',
      source: { surface: 'cli' },
    });
    since = new Date(Date.now() + 1).toISOString();
    await waitPast(since);
    await alice.confirm(PLATFORM, old.id);
    ours = await alice.create(PLATFORM, {
      kind: 'decision',
      title: 'Sessions last 30 minutes',
      source: { surface: 'cli' },
    });
    await alice.create(PLATFORM, {
      kind: 'context',
      title: 'PCI scope',
      reviewBy: '2020-01-01',
      source: { surface: 'document' },
    });
    await alice.create(PLATFORM, { kind: 'question', title: 'Who owns DNS?', source: { surface: 'slack' } });
    await alice.create(PLATFORM, {
      kind: 'decision',
      title: 'Left behind',
      owner: 'mallory',
      source: { surface: 'cli' },
    });
    const carol = await client('carol');
    theirs = await carol.create(MOBILE, {
      kind: 'decision',
      title: 'Sessions last 7 days',
      source: { surface: 'cli' },
    });
    conflict = await carol.create(MOBILE, {
      kind: 'conflict',
      title: 'Session length differs',
      source: { surface: 'hub' },
      conflict: {
        sides: [
          { space: PLATFORM, id: ours.id, owner: 'alice' },
          { space: MOBILE, id: theirs.id, owner: 'carol' },
        ],
      },
    });
    // Mallory leaves: the hub restarts without her, so her decision has no known owner any more.
    await hub.close();
    const people = config.people.filter((p) => p.id !== 'mallory');
    hub = await startHub({
      config: { ...config, people },
      secret,
      logger: silentLogger,
      extensions: [digestExtension({ ledger })],
    });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const getDigest = async (auth: string, query: string) =>
    fetch(`${hub.url}/v1/digest?${query}`, { headers: { authorization: `Bearer ${auth}` } });

  it('returns new and changed decisions since the date, and everything that needs attention', async () => {
    const auth = await token('ensemble-slack', { 'acme/*': 'read' });
    const response = await getDigest(auth, new URLSearchParams({ space: PLATFORM, since }).toString());
    expect(response.status).toBe(200);
    const data = DigestData.parse(await response.json());
    const byTitle = Object.fromEntries(data.decisions.map((d) => [d.item.title, d.change]));
    expect(byTitle).toEqual({
      'Old decision': 'changed',
      'Sessions last 30 minutes': 'new',
      'Left behind': 'new',
    });
    expect(data.dueForReview.map((i) => i.title)).toEqual(['PCI scope']);
    expect(data.openQuestions.map((i) => i.title)).toEqual(['Who owns DNS?']);
    expect(data.unowned.map((i) => i.title)).toEqual(['Left behind']);
    expect(data.openConflicts.map((c) => [c.space, c.item.title])).toEqual([
      [MOBILE, 'Session length differs'],
    ]);
  });

  it('hides conflicts in spaces the caller cannot read, refuses other spaces, and explains a bad query', async () => {
    const platformOnly = await token('alice', { [PLATFORM]: 'read' });
    const data = DigestData.parse(
      await (
        await getDigest(platformOnly, new URLSearchParams({ space: PLATFORM, since }).toString())
      ).json(),
    );
    expect(data.openConflicts).toEqual([]);
    const forbidden = await getDigest(platformOnly, new URLSearchParams({ space: MOBILE, since }).toString());
    expect(forbidden.status).toBe(403);
    const bad = await getDigest(platformOnly, 'space=acme/platform&since=last-week');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('since') },
    });
  });

  it('resolves a conflict only for one of its owners and loses nothing on a refusal', async () => {
    const resolve = async (sub: string, body: unknown) =>
      fetch(`${hub.url}/v1/conflicts/${MOBILE}/${conflict.id}/resolve`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await token(sub, { [PLATFORM]: 'write', [MOBILE]: 'write' })}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    expect((await resolve('alice', { outcome: 'keep-everything' })).status).toBe(400);
    expect((await resolve('bob', { outcome: 'keep-first' })).status).toBe(403);
    const carol = await client('carol');
    expect((await carol.get(MOBILE, conflict.id)).conflict?.resolution).toBeUndefined();
    expect((await carol.get(MOBILE, theirs.id)).status).toBe('proposed');

    const ok = await resolve('alice', { outcome: 'keep-first' });
    expect(ok.status).toBe(200);
    expect((await carol.get(MOBILE, conflict.id)).conflict?.resolution).toMatchObject({
      outcome: 'keep-first',
      by: 'alice',
    });
    expect((await carol.get(MOBILE, theirs.id)).status).toBe('superseded');
    expect((await resolve('carol', { outcome: 'keep-second' })).status).toBe(409);
  });
});

/** Items stamped after `iso` need the clock past it; waits on the clock, not a fixed delay. */
async function waitPast(iso: string): Promise<void> {
  while (new Date().toISOString() <= iso) await new Promise((resolve) => setImmediate(resolve));
}
