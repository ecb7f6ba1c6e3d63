import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleError } from '@ensemble/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compareModels,
  PromotionStore,
  parseEvalSuite,
  percentile,
  runEval,
  teamSettings,
} from '../src/index.js';
import { type FakeAnthropic, startFakeAnthropic } from './fakes/anthropic.js';
import { anthropicModel, depsFor, PAYMENTS, PLATFORM, Spaces, seedPlatform, testConfig } from './helpers.js';

let fake: FakeAnthropic;
let dataDir: string;
beforeEach(async () => {
  fake = await startFakeAnthropic();
  dataDir = await mkdtemp(join(tmpdir(), 'ensemble-eval-'));
});
afterEach(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

function setup() {
  const spaces = new Spaces();
  const seeded = seedPlatform(spaces);
  const config = testConfig({ models: { claude: anthropicModel(fake.url) } });
  const suite = parseEvalSuite(`
- question: How do production deploys work?
  expect: { items: [${seeded.deploy.id}], facts: [release pipeline] }
- question: Which database should new services use?
  expect: { items: [${seeded.postgres.id}], facts: [PostgreSQL] }
- question: How fast are card refunds processed?
  expect: { facts: [five business days] }
`);
  const target = { team: 'platform', asker: 'bob', spaces: [PLATFORM, PAYMENTS] };
  return { spaces, config, suite, target, deps: depsFor(config, spaces) };
}

describe('eval suites', () => {
  it('rejects a malformed suite with a message naming the field', () => {
    expect(() => parseEvalSuite('- question: hi\n  expect: {}\n')).toThrowError(/expect/);
    expect(() => parseEvalSuite('question: [')).toThrowError(EnsembleError);
    expect(() => parseEvalSuite('[]')).toThrowError(/at least one case/);
  });

  it('scores the offline model on a seeded memory, without writing to it', async () => {
    const { spaces, suite, target, deps } = setup();
    const before = spaces.get(PLATFORM).list().length;
    const report = await runEval(suite, { ...target, model: 'extractive' }, deps);
    expect(report.cases.map((c) => c.passed)).toEqual([true, true, true]);
    expect(report.passRate).toBe(1);
    expect(report.costUsd).toBe(0);
    expect(report.p95LatencyMs).toBeGreaterThanOrEqual(report.p50LatencyMs);
    expect(spaces.get(PLATFORM).list()).toHaveLength(before);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('promotion gate', () => {
  it('refuses a candidate that scores below the current model and records nothing', async () => {
    const { config, suite, target, deps } = setup();
    fake.enqueue(
      { kind: 'text', text: 'I am not sure.' },
      { kind: 'text', text: 'Probably MongoDB.' },
      { kind: 'text', text: 'Refunds take five business days [1].' },
    );
    const comparison = await compareModels(suite, { ...target, candidate: 'claude' }, deps);
    expect(comparison.current).toMatchObject({ model: 'extractive', passRate: 1 });
    expect(comparison.candidate.model).toBe('claude');
    expect(comparison.candidate.passRate).toBeCloseTo(1 / 3);
    expect(comparison.candidate.costUsd).toBeGreaterThan(0);
    expect(comparison.candidateHolds).toBe(false);
    const store = new PromotionStore(dataDir);
    const error = await store.promote(config, comparison).catch((e: unknown) => e);
    expect((error as EnsembleError).code).toBe('eval_regression');
    expect((error as EnsembleError).message).toContain('33%');
    await expect(readFile(store.file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(teamSettings(config, 'platform', await store.promoted()).modelFor('answer').name).toBe(
      'extractive',
    );
  });

  it('promotes a candidate that holds its ground; the team then answers with it', async () => {
    const { config, suite, target, deps } = setup();
    fake.enqueue(
      { kind: 'text', text: 'Every deploy goes through the release pipeline [1].' },
      { kind: 'text', text: 'New services use PostgreSQL [1].' },
      { kind: 'text', text: 'Within five business days [1].' },
    );
    const comparison = await compareModels(suite, { ...target, candidate: 'claude' }, deps);
    expect(comparison.candidate.passRate).toBe(1);
    const store = new PromotionStore(dataDir);
    const promotion = await store.promote(config, comparison);
    expect(promotion).toMatchObject({
      team: 'platform',
      role: 'answer',
      model: 'claude',
      previous: 'extractive',
    });
    const reopened = new PromotionStore(dataDir);
    const promoted = await reopened.promoted();
    expect(teamSettings(config, 'platform', promoted).modelFor('answer').name).toBe('claude');
    expect(teamSettings(config, 'payments', promoted).modelFor('answer').name).toBe('extractive');
  });
});
