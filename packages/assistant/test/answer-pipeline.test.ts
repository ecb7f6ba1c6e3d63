import type { AnswerEvent } from '@ensemble/core';
import { type EnsembleError, person } from '@ensemble/core';
import { describe, expect, it } from 'vitest';
import { answer, answerStream } from '../src/index.js';
import { depsFor, PAYMENTS, PLATFORM, SECRET, Spaces, seedPlatform, testConfig } from './helpers.js';

const ask = (question: string, extra: Partial<Parameters<typeof answer>[0]> = {}) => ({
  question,
  team: 'platform',
  asker: 'bob',
  spaces: [PLATFORM, PAYMENTS, SECRET],
  ...extra,
});

describe('answer pipeline with the offline extractive model', () => {
  it('answers by quoting real items, cites them and names their owners', async () => {
    const spaces = new Spaces();
    const { deploy } = seedPlatform(spaces);
    const result = await answer(ask('How do production deploys work?'), depsFor(testConfig(), spaces));
    expect(result.covered).toBe(true);
    expect(result.model).toBe('extractive');
    expect(result.text).toContain('release pipeline');
    expect(result.text).toMatch(/\[1\]/);
    expect(result.sources[0]).toMatchObject({
      n: 1,
      id: deploy.id,
      space: PLATFORM,
      owner: 'alice',
      version: 1,
    });
    for (const source of result.sources) {
      expect(spaces.get(source.space).get(source.id)?.owner).toBe(source.owner);
    }
    expect(result.owners).toContain('alice');
    expect(result.droppedCitations).toEqual([]);
  });

  it('reads shared spaces but never spaces outside the team reach, whatever the caller passes', async () => {
    const spaces = new Spaces();
    const { refunds } = seedPlatform(spaces);
    const shared = await answer(ask('How fast are card refunds processed?'), depsFor(testConfig(), spaces));
    expect(shared.sources.map((s) => s.id)).toContain(refunds.id);
    expect(shared.owners).toContain('carol');
    const deploys = await answer(
      ask('private release pipeline of the secret project'),
      depsFor(testConfig(), spaces),
    );
    expect(deploys.covered).toBe(true);
    expect(deploys.sources.every((s) => s.space !== SECRET)).toBe(true);
  });

  it('runs the reviewers hook on the cited draft and sends its verdicts as checks', async () => {
    const spaces = new Spaces();
    const { postgres, refunds } = seedPlatform(spaces);
    const seen: string[] = [];
    const reviewer = {
      async review(draft: { text: string; sources: { id: string }[] }) {
        seen.push(...draft.sources.map((s) => s.id));
        return [
          {
            reviewer: 'assistant:acme/payments',
            verdict: 'conflicts' as const,
            note: 'Payments stores refunds in MySQL.',
            related: [{ space: PAYMENTS, id: refunds.id }],
          },
          { reviewer: 'assistant:acme/payments', verdict: 'unsure' as const, note: 'no opinion' },
        ];
      },
    };
    const events: AnswerEvent[] = [];
    const result = await answer(
      ask('Which database for new services?'),
      depsFor(testConfig(), spaces, { reviewers: [reviewer] }),
      (e) => events.push(e),
    );
    expect(seen).toEqual([postgres.id]);
    const expected = [
      {
        reviewer: 'assistant:acme/payments',
        verdict: 'conflicts',
        rationale: 'Payments stores refunds in MySQL.',
        related: { space: PAYMENTS, id: refunds.id, title: refunds.title, owner: 'carol' },
      },
    ];
    expect(result.checks).toEqual(expected);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['sources', 'checks', 'done']);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.checks).toEqual(expected);
  });

  it('streams delta events, then sources, then done', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const events: AnswerEvent[] = [];
    for await (const event of answerStream(
      ask('Which database for new services?'),
      depsFor(testConfig(), spaces),
    )) {
      events.push(event);
    }
    const types = events.map((e) => e.type);
    expect(types.at(-1)).toBe('done');
    expect(types.at(-2)).toBe('sources');
    expect(types.slice(0, -2).every((t) => t === 'delta')).toBe(true);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(streamed).toBe(done.answer.text);
    expect(done.answer.text).toContain('PostgreSQL');
    expect(done.answer.owners).toEqual(['bob']);
  });

  it('reports bad input as an error event and stores nothing', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const before = spaces.get(PLATFORM).list().length;
    const events: AnswerEvent[] = [];
    for await (const event of answerStream(ask('   '), depsFor(testConfig(), spaces))) events.push(event);
    expect(events).toEqual([
      { type: 'error', code: 'invalid_input', message: expect.stringContaining('question') },
    ]);
    expect(spaces.get(PLATFORM).list()).toHaveLength(before);
    const unknownTeam = await answer(ask('x', { team: 'nope' }), depsFor(testConfig(), spaces)).catch(
      (e) => e,
    );
    expect((unknownTeam as EnsembleError).code).toBe('not_found');
  });
});

describe('guard rails on questions', () => {
  it('redacts personal data before retrieval, the model and the open question', async () => {
    const spaces = new Spaces();
    const result = await answer(
      ask('Who owns the mailbox ops+oncall@corp.example.org?'),
      depsFor(testConfig(), spaces),
    );
    expect(result.question).toBe('Who owns the mailbox [redacted:email]?');
    const recorded = spaces.get(PLATFORM).require(result.openQuestion?.id ?? '');
    expect(recorded.title).toBe('Who owns the mailbox [redacted:email]?');
  });

  it("refuses a question per the team's block policy and records nothing", async () => {
    const spaces = new Spaces();
    const config = testConfig({ teams: { platform: { guard: { email: 'block' } } } });
    const error = await answer(ask('Who owns ops+oncall@corp.example.org?'), depsFor(config, spaces)).catch(
      (e) => e,
    );
    expect((error as EnsembleError).code).toBe('blocked_content');
    expect((error as EnsembleError).message).not.toContain('corp.example.org');
    expect(spaces.get(PLATFORM).list()).toEqual([]);
  });
});

describe('questions nothing covers', () => {
  it('says so, names the owner from a tag rule and records one open question for them', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const deps = depsFor(testConfig(), spaces);
    const first = await answer(ask('What is our chargeback policy for payments disputes?'), deps);
    expect(first.covered).toBe(false);
    expect(first.owners).toEqual(['carol']);
    expect(first.text).toContain('Nothing in memory covers this');
    expect(first.text).toContain('carol');
    const question = spaces.get(PLATFORM).require(first.openQuestion?.id ?? '');
    expect(question).toMatchObject({
      kind: 'question',
      status: 'proposed',
      owner: 'carol',
      createdBy: { kind: 'assistant', id: 'assistant:acme/platform' },
      tags: ['payments'],
    });
    const again = await answer(ask('what is our chargeback policy for payments disputes'), deps);
    expect(again.openQuestion?.id).toBe(first.openQuestion?.id);
    expect(spaces.get(PLATFORM).list({ kind: 'question' })).toHaveLength(1);
  });

  it('uses path rules, then the team default owner', async () => {
    const spaces = new Spaces();
    seedPlatform(spaces);
    const deps = depsFor(testConfig(), spaces);
    const byPath = await answer(ask('Who decided the rounding in src/billing/invoice.ts?'), deps);
    expect(byPath.owners).toEqual(['dave']);
    const byDefault = await answer(ask('What font does the status page use?'), deps);
    expect(byDefault.owners).toEqual(['alice']);
    const owners = spaces
      .get(PLATFORM)
      .list({ kind: 'question' })
      .map((q) => q.owner)
      .sort();
    expect(owners).toEqual(['alice', 'dave']);
  });

  it('uses the path the surface says the question is about', async () => {
    const spaces = new Spaces();
    const result = await answer(
      ask('What font does the status page use?', { about: { path: 'src/billing/status.css' } }),
      depsFor(testConfig(), spaces),
    );
    expect(result.owners).toEqual(['dave']);
    expect(result.openQuestion?.owner).toBe('dave');
  });

  it('asks again once the open question was answered and closed', async () => {
    const spaces = new Spaces();
    const deps = depsFor(testConfig(), spaces);
    const first = await answer(ask('What font does the status page use?'), deps);
    spaces.get(PLATFORM).confirm(first.openQuestion?.id ?? '', 'alice');
    const second = await answer(ask('What font does the status page use?'), deps);
    expect(second.openQuestion?.id).not.toBe(first.openQuestion?.id);
  });
});

describe('answer cache', () => {
  it('serves repeats from cache and drops the entry when a cited item changes', async () => {
    const spaces = new Spaces();
    const { deploy } = seedPlatform(spaces);
    const deps = depsFor(testConfig(), spaces);
    const stop = deps.cache?.watch(spaces.get(PLATFORM));
    const first = await answer(ask('How do production deploys work?'), deps);
    const repeat = await answer(ask('how do production deploys work'), deps);
    expect(first.cached).toBe(false);
    expect(repeat.cached).toBe(true);
    expect(repeat.text).toBe(first.text);

    spaces
      .get(PLATFORM)
      .update(
        deploy.id,
        { body: 'Every production deploy uses the release train on Tuesdays.' },
        person('alice'),
      );
    expect(deps.cache?.size).toBe(0);
    const fresh = await answer(ask('How do production deploys work?'), deps);
    expect(fresh.cached).toBe(false);
    expect(fresh.text).toContain('release train');
    stop?.();
  });

  it('checks cited versions on read even without a watcher', async () => {
    const spaces = new Spaces();
    const { postgres } = seedPlatform(spaces);
    const deps = depsFor(testConfig(), spaces);
    await answer(ask('Which database for new services?'), deps);
    spaces.get(PLATFORM).update(postgres.id, { title: 'Use PostgreSQL 17 for new services' }, person('bob'));
    const after = await answer(ask('Which database for new services?'), deps);
    expect(after.cached).toBe(false);
    expect(after.sources.find((s) => s.id === postgres.id)?.version).toBe(2);
    spaces.get(PLATFORM).delete(postgres.id, person('bob'));
    const gone = await answer(ask('Which database for new services?'), deps);
    expect(gone.cached).toBe(false);
    expect(gone.sources.some((s) => s.id === postgres.id)).toBe(false);
  });
});
