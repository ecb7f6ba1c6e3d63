import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnswerEvent, EnsembleConfig, type EnsembleError, type TokenClaims } from '@ensemble/core';
import { createLogger, HubClient } from '@ensemble/runtime';
import { askExtension, createToken, type Hub, hubSecret, startHub } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../../packages/assistant/test/fakes/anthropic.js';
import { askHub } from '../utils/ask-hub.js';
import { waitFor } from '../utils/wait-for.js';

const PLATFORM = 'acme/platform';
const PAYMENTS = 'acme/payments';

interface AskHub {
  hub: Hub;
  dataDir: string;
  logs: string[];
  token(sub: string, spaces: TokenClaims['spaces']): Promise<string>;
  close(): Promise<void>;
}

async function startAskHub(
  assistant: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<AskHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ensemble-ask-'));
  const config = EnsembleConfig.parse({
    org: 'acme',
    hub: { port: 0, dataDir },
    teams: [
      {
        id: 'platform',
        name: 'Platform',
        defaultOwner: 'alice',
        ownership: [{ pattern: 'tag:payments', owners: ['carol'] }],
        readsFrom: [PAYMENTS],
      },
      { id: 'payments', name: 'Payments', defaultOwner: 'carol' },
    ],
    assistant,
  });
  const logs: string[] = [];
  const secret = hubSecret(dataDir, {});
  const hub = await startHub({
    config,
    secret,
    logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
    extensions: [askExtension({ env })],
  });
  return {
    hub,
    dataDir,
    logs,
    token: (sub, spaces) => createToken(secret, { sub, spaces }, '1h'),
    async close() {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function readUsage(dataDir: string): Record<string, unknown>[] {
  try {
    return readFileSync(join(dataDir, 'usage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

async function collect(events: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

function done(events: AnswerEvent[]) {
  const last = events.at(-1);
  if (last?.type !== 'done') throw new Error(`expected a done event, got ${JSON.stringify(last)}`);
  return last.answer;
}

const decision = (title: string, body: string, tags: string[] = []) => ({
  kind: 'decision' as const,
  title,
  body,
  tags,
  source: { surface: 'api' as const },
});

describe('POST /v1/ask on a running hub', () => {
  let t: AskHub | undefined;
  let fake: FakeAnthropic | undefined;
  afterEach(async () => {
    await t?.close();
    await fake?.close();
    t = undefined;
    fake = undefined;
  });

  it('streams an answer citing items written through the HTTP API, with their owners', async () => {
    t = await startAskHub();
    const bob = await t.token('bob', { [PLATFORM]: 'write', [PAYMENTS]: 'read' });
    const carol = await t.token('carol', { [PAYMENTS]: 'write' });
    const item = await new HubClient({ url: t.hub.url, token: bob }).create(
      PLATFORM,
      decision(
        'Deploys go through the release pipeline',
        'Every production deploy goes through the release pipeline.',
      ),
    );
    const refunds = await new HubClient({ url: t.hub.url, token: carol }).create(
      PAYMENTS,
      decision('Refunds take five days', 'Card refunds are processed within five business days.', [
        'payments',
      ]),
    );
    const events = await collect(
      askHub({
        url: t.hub.url,
        token: bob,
        body: { question: 'How do production deploys work?', space: PLATFORM },
      }),
    );
    const types = events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['sources', 'done']);
    expect(types.filter((x) => x === 'delta').length).toBeGreaterThan(0);
    const result = done(events);
    expect(result.sources[0]).toMatchObject({ id: item.id, space: PLATFORM, owner: 'bob' });
    expect(result.text).toBe('Every production deploy goes through the release pipeline. [1]');

    const shared = done(
      await collect(
        askHub({
          url: t.hub.url,
          token: bob,
          body: { question: 'How fast are card refunds?', space: PLATFORM },
        }),
      ),
    );
    expect(shared.sources.map((s) => s.id)).toEqual([refunds.id]);
    expect(shared.owners).toEqual(['carol']);
    expect(t.logs.join('\n')).not.toContain('release pipeline');
  });

  it('records an open question for whoever should know, visible to every client', async () => {
    t = await startAskHub();
    const bob = await t.token('bob', { [PLATFORM]: 'write' });
    const question = 'What is the chargeback policy for payments disputes?';
    const result = done(
      await collect(
        askHub({ url: t.hub.url, token: bob, body: { question, space: PLATFORM, surface: 'slack' } }),
      ),
    );
    expect(result).toMatchObject({ covered: false, owners: ['carol'] });
    const listed = await new HubClient({ url: t.hub.url, token: bob }).list(PLATFORM, { kind: 'question' });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      id: result.question?.id,
      owner: 'carol',
      source: { surface: 'slack' },
    });
    await collect(askHub({ url: t.hub.url, token: bob, body: { question, space: PLATFORM } }));
    expect(
      (await new HubClient({ url: t.hub.url, token: bob }).list(PLATFORM, { kind: 'question' })).items,
    ).toHaveLength(1);
  });

  it('serves repeats from cache until a cited item changes', async () => {
    t = await startAskHub();
    const bob = await t.token('bob', { [PLATFORM]: 'write' });
    const client = new HubClient({ url: t.hub.url, token: bob });
    const item = await client.create(
      PLATFORM,
      decision('Use PostgreSQL for new services', 'New services use PostgreSQL 16.'),
    );
    const ask = () =>
      collect(
        askHub({
          url: t?.hub.url ?? '',
          token: bob,
          body: { question: 'Which database for new services?', space: PLATFORM },
        }),
      );
    expect(done(await ask()).cached).toBe(false);
    expect(done(await ask()).cached).toBe(true);
    await client.update(PLATFORM, item.id, { body: 'New services use PostgreSQL 17 from now on.' });
    const after = done(await ask());
    expect(after.cached).toBe(false);
    expect(after.text).toContain('PostgreSQL 17');
  });

  it('refuses unauthenticated, malformed and out-of-reach asks with coded errors', async () => {
    t = await startAskHub();
    const bob = await t.token('bob', { [PLATFORM]: 'write' });
    const outsider = await t.token('zed', { 'acme/mobile': 'write' });
    const orgReader = await t.token('olga', { 'acme/*': 'read' });
    const anonymous = await fetch(`${t.hub.url}/v1/ask`, { method: 'POST', body: '{"question":"hi"}' });
    expect(anonymous.status).toBe(401);
    const failure = (token: string, body: { question: string; space: string }) =>
      collect(askHub({ url: t?.hub.url ?? '', token, body })).catch((e: EnsembleError) => e.code);
    expect(await failure(bob, { question: '   ', space: PLATFORM })).toBe('invalid_input');
    expect(await failure(bob, { question: 'How do deploys work?', space: 'not a space' })).toBe(
      'invalid_input',
    );
    expect(await failure(outsider, { question: 'How do deploys work?', space: PLATFORM })).toBe('forbidden');
    expect(await failure(orgReader, { question: 'How do deploys work?', space: 'acme/nope' })).toBe(
      'not_found',
    );
  });

  it('stops the model call when the asker goes away mid-answer', async () => {
    fake = await startFakeAnthropic();
    t = await startAskHub(
      {
        models: {
          claude: {
            provider: 'anthropic',
            model: 'claude-test',
            baseUrl: fake.url,
            apiKeyEnv: 'TEST_ANTHROPIC_KEY',
          },
        },
        roles: { answer: 'claude' },
      },
      { TEST_ANTHROPIC_KEY: 'sk-test' },
    );
    const bob = await t.token('bob', { [PLATFORM]: 'write' });
    await new HubClient({ url: t.hub.url, token: bob }).create(
      PLATFORM,
      decision(
        'Deploys go through the release pipeline',
        'Every production deploy goes through the release pipeline.',
      ),
    );
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    fake.enqueue({ kind: 'text', text: words, delayMs: 20 });
    const leave = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of askHub({
        url: t?.hub.url ?? '',
        token: bob,
        body: { question: 'How do production deploys work?', space: PLATFORM },
        signal: leave.signal,
      })) {
        if (event.type === 'delta') seen.push(event.text);
        if (seen.length === 2) leave.abort();
      }
    })().catch((e: Error) => e.name);
    expect(await reading).toBe('AbortError');
    await waitFor(() => fake?.disconnects === 1, { what: 'the hub to drop the model stream' });
    await waitFor(() => readUsage(t?.dataDir ?? '').length === 1, { what: 'usage to be recorded' });
    expect(readUsage(t.dataDir)[0]).toMatchObject({ outcome: 'partial', model: 'claude' });
  });

  it('streams a Claude answer through the hub and records usage in the data dir', async () => {
    fake = await startFakeAnthropic();
    t = await startAskHub(
      {
        models: {
          claude: {
            provider: 'anthropic',
            model: 'claude-test',
            baseUrl: fake.url,
            apiKeyEnv: 'TEST_ANTHROPIC_KEY',
            pricing: { inputPerMTok: 3, outputPerMTok: 15 },
          },
        },
        roles: { answer: 'claude' },
      },
      { TEST_ANTHROPIC_KEY: 'sk-test' },
    );
    const bob = await t.token('bob', { [PLATFORM]: 'write' });
    await new HubClient({ url: t.hub.url, token: bob }).create(
      PLATFORM,
      decision(
        'Deploys go through the release pipeline',
        'Every production deploy goes through the release pipeline.',
      ),
    );
    fake.enqueue({ kind: 'text', text: 'Through the release pipeline [1].', delayMs: 5 });
    const events = await collect(
      askHub({
        url: t.hub.url,
        token: bob,
        body: { question: 'How do production deploys work?', space: PLATFORM },
      }),
    );
    const deltas = events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
    expect(deltas).toEqual(['Through ', 'the ', 'release ', 'pipeline ', '[1].']);
    expect(done(events)).toMatchObject({ model: 'claude', covered: true });
    const usage = readFileSync(join(t.dataDir, 'usage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(usage).toEqual([
      expect.objectContaining({ team: 'platform', model: 'claude', role: 'answer', outcome: 'ok' }),
    ]);
    expect(fake.messageBodies()[0]?.system?.[0]?.cache_control).toEqual({ type: 'ephemeral' });
  });
});
