import { MemoryUsageLedger } from '@ensemble/assistant';
import { EnsembleConfig, person, SpaceMemory } from '@ensemble/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type FakeAnthropic, startFakeAnthropic } from '../../assistant/test/fakes/anthropic.js';
import { HeuristicReviewer, ModelReviewer, REVIEW_SYSTEM, reviewerForTeam } from '../src/index.js';

describe('the review-role model as a cross-check reviewer (real SDK, fake Messages API)', () => {
  let fake: FakeAnthropic;
  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(async () => {
    await fake.close();
  });

  function setup() {
    const config = EnsembleConfig.parse({
      teams: [{ id: 'payments', name: 'Payments' }],
      assistant: {
        models: { claude: { provider: 'anthropic', model: 'claude-test', baseUrl: fake.url, maxRetries: 0 } },
        roles: { review: 'claude' },
      },
    });
    const ledger = new MemoryUsageLedger();
    const deps = { config, ledger, env: { ANTHROPIC_API_KEY: 'test-key' } };
    const memory = new SpaceMemory('acme/payments', new Y.Doc());
    const related = memory.create(
      {
        kind: 'decision',
        title: 'Orders database',
        body: 'Orders live in MySQL.',
        source: { surface: 'cli' },
      },
      person('bob'),
    );
    return { deps, ledger, related };
  }

  it('parses the model verdict, sends both statements as data and records usage', async () => {
    const { deps, ledger, related } = setup();
    fake.enqueue({
      kind: 'text',
      text: '{"verdict": "conflicts", "rationale": "MySQL versus Postgres for orders."}',
    });
    const reviewer = new ModelReviewer('claude', 'payments', deps);
    const result = await reviewer.review(
      { title: 'Orders database', body: 'Orders live in Postgres.' },
      related,
      AbortSignal.timeout(5000),
    );
    expect(result).toMatchObject({ verdict: 'conflicts', rationale: 'MySQL versus Postgres for orders.' });
    const body = JSON.stringify(fake.messageBodies()[0]);
    expect(body).toContain(REVIEW_SYSTEM.split('\n')[0]?.slice(0, 40));
    expect(body).toContain('Orders live in MySQL.');
    expect(body).toContain('Orders live in Postgres.');
    const usage = await ledger.entries();
    expect(usage).toEqual([expect.objectContaining({ team: 'payments', role: 'review', model: 'claude' })]);
  });

  it('falls back to the offline heuristic when the reply is not a verdict', async () => {
    const { deps, related } = setup();
    fake.enqueue({ kind: 'text', text: 'I think they are probably fine.' });
    const result = await new ModelReviewer('claude', 'payments', deps).review(
      { title: 'Orders database', body: 'Orders live in Postgres.' },
      related,
      AbortSignal.timeout(5000),
    );
    expect(result.verdict).toBe('conflicts');
    expect(result.rationale).toMatch(/offline check used/);
  });

  it('uses the heuristic for teams on the offline model', () => {
    const { deps } = setup();
    expect(reviewerForTeam('payments', deps, 'extractive', 'extractive')).toBeInstanceOf(HeuristicReviewer);
    expect(reviewerForTeam('payments', deps, 'claude', 'anthropic')).toBeInstanceOf(ModelReviewer);
  });
});
