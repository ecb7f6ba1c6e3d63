import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleConfig, type EnsembleError } from '@ensemble/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answer,
  callModel,
  JsonlUsageLedger,
  MemoryUsageLedger,
  monthToDateUsd,
  type UsageEntry,
} from '../src/index.js';
import { type FakeAnthropic, startFakeAnthropic } from './fakes/anthropic.js';
import {
  anthropicModel,
  depsFor,
  PAYMENTS,
  PLATFORM,
  Spaces,
  seedPlatform,
  testConfig,
  testEnv,
} from './helpers.js';

let fake: FakeAnthropic;
let dataDir: string;
beforeEach(async () => {
  fake = await startFakeAnthropic();
  dataDir = await mkdtemp(join(tmpdir(), 'ensemble-usage-'));
});
afterEach(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

const entry = (over: Partial<UsageEntry>): UsageEntry => ({
  at: new Date().toISOString(),
  team: 'platform',
  model: 'claude',
  role: 'answer',
  inputTokens: 100,
  outputTokens: 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0.01,
  latencyMs: 50,
  outcome: 'ok',
  ...over,
});

const ask = {
  question: 'How do production deploys work?',
  team: 'platform',
  asker: 'bob',
  spaces: [PLATFORM, PAYMENTS],
};

describe('usage ledger', () => {
  it('appends JSON lines under the data dir and skips a damaged line on read', async () => {
    const ledger = new JsonlUsageLedger(join(dataDir, 'nested'));
    await ledger.record(entry({ team: 'platform', costUsd: 1.5 }));
    await ledger.record(entry({ team: 'payments', costUsd: 2 }));
    await appendFile(ledger.file, '{"not": "an entry"\n');
    await ledger.record(entry({ team: 'platform', costUsd: 0.5, at: '2020-01-01T00:00:00.000Z' }));
    expect(await ledger.entries()).toHaveLength(3);
    expect(await ledger.entries({ team: 'payments' })).toHaveLength(1);
    expect(await monthToDateUsd(ledger, 'platform', new Date())).toBe(1.5);
    await expect(ledger.record({ ...entry({}), costUsd: -1 })).rejects.toThrow();
    expect(await ledger.entries()).toHaveLength(3);
  });
});

describe('answers with a priced model', () => {
  const config = () =>
    testConfig({
      models: { claude: anthropicModel(fake.url) },
      roles: { answer: 'claude' },
      monthlyCapUsd: 5,
    });

  it('records usage per team and model, and drops citations the model invented', async () => {
    const spaces = new Spaces();
    const { deploy } = seedPlatform(spaces);
    const deps = depsFor(config(), spaces);
    fake.enqueue({ kind: 'text', text: 'Deploys go through the release pipeline [1] as decided [9].' });
    const result = await answer(ask, deps);
    expect(result.text).toBe('Deploys go through the release pipeline [1] as decided.');
    expect(result.droppedCitations).toEqual([9]);
    expect(result.sources.map((s) => s.id)).toEqual([deploy.id]);
    expect(result.owners).toEqual(['alice']);
    const [recorded] = await deps.ledger.entries({ team: 'platform' });
    expect(recorded).toMatchObject({ model: 'claude', role: 'answer', outcome: 'ok' });
    expect(recorded?.costUsd).toBeGreaterThan(0);
    expect(recorded?.costUsd).toBeCloseTo(result.costUsd);
  });

  it('sends the thread as alternating turns and never serves a follow-up from cache', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const deps = depsFor(config(), spaces);
    const thread = [
      { role: 'assistant' as const, text: 'Hi, ask me anything.' },
      { role: 'user' as const, text: 'We talked about deploys.' },
      { role: 'assistant' as const, text: 'Deploys use the pipeline [1].' },
    ];
    fake.enqueue({ kind: 'text', text: 'Yes, always [1].' }, { kind: 'text', text: 'Still yes [1].' });
    await answer({ ...ask, thread }, deps);
    const second = await answer({ ...ask, thread }, deps);
    expect(second.cached).toBe(false);
    const messages = fake.messageBodies()[0]?.messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(messages[2]?.content)).toContain(ask.question);
    expect(deps.cache?.size).toBe(0);
  });

  it('refuses before calling the model once the team is over its monthly cap', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const ledger = new MemoryUsageLedger();
    await ledger.record(entry({ costUsd: 4, at: '2020-01-01T00:00:00.000Z' }));
    const deps = depsFor(config(), spaces, { ledger });
    fake.enqueue({ kind: 'text', text: 'Fine [1].' });
    expect((await answer(ask, deps)).text).toBe('Fine [1].');

    await ledger.record(entry({ costUsd: 5 }));
    const error = await answer({ ...ask, question: 'Which database for new services?' }, deps).catch(
      (e) => e,
    );
    expect((error as EnsembleError).code).toBe('budget_exceeded');
    expect((error as EnsembleError).message).toContain('monthlyCapUsd');
    expect(fake.requests).toHaveLength(1);
  });

  it('stops at the per-request output budget, flags the answer partial and does not cache it', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const cfg = testConfig({
      models: { claude: anthropicModel(fake.url) },
      roles: { answer: 'claude' },
      teams: { platform: { budget: { maxOutputTokens: 3 } } },
    });
    const deps = depsFor(cfg, spaces);
    fake.enqueue({ kind: 'text', text: 'Deploys go through the release pipeline [1].' });
    const result = await answer(ask, deps);
    expect(result).toMatchObject({ partial: true, exceeded: 'outputTokens', text: 'Deploys go through ' });
    expect(deps.cache?.size).toBe(0);
    expect((await deps.ledger.entries())[0]?.outcome).toBe('partial');
  });
});

describe('other roles', () => {
  it('calls the review and summarise models through the same guard, budget and ledger', async () => {
    const cfg = testConfig({
      models: { claude: anthropicModel(fake.url) },
      roles: { summarise: 'claude' },
    });
    const ledger = new MemoryUsageLedger();
    fake.enqueue({ kind: 'text', text: 'Two decisions this week.' });
    const request = {
      system: 'Summarise the week.',
      context: [],
      messages: [{ role: 'user' as const, content: 'Digest for alice.smith@example.com' }],
      maxTokens: 100,
    };
    const summary = await callModel(
      { team: 'platform', role: 'summarise', request },
      { config: cfg, ledger, env: testEnv },
    );
    expect(summary).toMatchObject({ model: 'claude', text: 'Two decisions this week.' });
    expect(fake.requests[0]?.raw).not.toContain('alice.smith@example.com');
    const review = await callModel(
      { team: 'platform', role: 'review', request },
      { config: cfg, ledger, env: testEnv },
    );
    expect(review.model).toBe('extractive');
    expect((await ledger.entries()).map((e) => [e.role, e.model])).toEqual([
      ['summarise', 'claude'],
      ['review', 'extractive'],
    ]);
  });
});

describe('assistant config', () => {
  it('defaults to the offline model everywhere, with no keys', () => {
    const config = EnsembleConfig.parse({});
    expect(config.assistant.roles).toEqual({
      answer: 'extractive',
      review: 'extractive',
      summarise: 'extractive',
    });
    expect(config.assistant.models.extractive?.provider).toBe('extractive');
  });

  it('rejects a role naming a model that is not defined', () => {
    const result = EnsembleConfig.safeParse({
      assistant: { teams: { platform: { roles: { review: 'gpt-9' } } } },
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('model \\"gpt-9\\" is not defined');
  });

  it('swaps a team model by config alone', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const cfg = testConfig({
      models: { claude: anthropicModel(fake.url) },
      teams: { platform: { roles: { answer: 'claude' } } },
    });
    fake.enqueue({ kind: 'text', text: 'Via Claude [1].' });
    const result = await answer(ask, depsFor(cfg, spaces));
    expect(result.model).toBe('claude');
    expect(fake.requests).toHaveLength(1);
  });
});
