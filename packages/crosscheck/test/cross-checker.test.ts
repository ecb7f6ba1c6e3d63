import { EnsembleConfig, person, type SpaceId, SpaceMemory } from '@ensemble/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  attentionFor,
  CrossChecker,
  HeuristicReviewer,
  MemoryRelatedFinder,
  type Reviewer,
  resolveConflict,
} from '../src/index.js';

const source = { surface: 'cli' } as const;

function org(...spaces: SpaceId[]) {
  const memories = new Map(spaces.map((s) => [s, new SpaceMemory(s, new Y.Doc())]));
  const opener = {
    openSpace: async (space: SpaceId) => {
      const m = memories.get(space);
      if (!m) throw new Error(`unknown space ${space}`);
      return m;
    },
  };
  return { memories, opener, get: (s: SpaceId) => memories.get(s) as SpaceMemory };
}

function checker(o: ReturnType<typeof org>, reviewer: Reviewer = new HeuristicReviewer()) {
  return new CrossChecker({
    openSpace: o.opener.openSpace,
    finder: new MemoryRelatedFinder(o.opener),
    reviewerFor: () => reviewer,
    peersOf: () => [...o.memories.keys()],
  });
}

describe('CrossChecker', () => {
  it('records a review in the other team and a conflict naming both owners', async () => {
    const o = org('acme/platform', 'acme/payments');
    const theirs = o.get('acme/payments').create(
      {
        kind: 'decision',
        title: 'Orders database',
        body: 'The orders service stores data in MySQL.',
        source,
      },
      person('bob'),
    );
    const mine = o.get('acme/platform').create(
      {
        kind: 'decision',
        title: 'Orders database',
        body: 'The orders service stores data in Postgres.',
        source,
      },
      person('alice'),
    );

    const outcome = await checker(o).check('acme/platform', mine.id);

    expect(outcome.judgements.map((j) => j.result.verdict)).toEqual(['conflicts']);
    const [review] = o.get('acme/payments').list({ kind: 'review' });
    expect(review?.review).toMatchObject({
      subject: { id: mine.id, space: 'acme/platform' },
      related: { id: theirs.id },
      verdict: 'conflicts',
      reviewer: 'assistant:acme/payments',
      judge: 'heuristic',
    });
    expect(review?.owner).toBe('bob');
    const [conflict] = o.get('acme/platform').list({ kind: 'conflict' });
    expect(conflict?.conflict?.sides.map((s) => s.owner)).toEqual(['alice', 'bob']);
    expect(conflict?.body).toContain('bob');
    expect(o.get('acme/platform').get(mine.id)?.status).toBe('disputed');
  });

  it('does not review the same content twice, across checkers and status changes', async () => {
    const o = org('acme/platform', 'acme/payments');
    o.get('acme/payments').create(
      {
        kind: 'decision',
        title: 'Kafka for events',
        body: 'Services publish domain events to Kafka.',
        source,
      },
      person('bob'),
    );
    const mine = o.get('acme/platform').create(
      {
        kind: 'decision',
        title: 'Events on Kafka',
        body: 'Domain events are published to Kafka by every service.',
        source,
      },
      person('alice'),
    );
    let calls = 0;
    const counting: Reviewer = {
      judge: 'heuristic',
      review: async (a, b) => {
        calls++;
        return new HeuristicReviewer().review(a, b);
      },
    };
    await checker(o, counting).check('acme/platform', mine.id);
    o.get('acme/platform').confirm(mine.id, 'alice');
    await checker(o, counting).check('acme/platform', mine.id); // a "restarted hub": a new checker
    expect(calls).toBe(1);
    expect(o.get('acme/payments').list({ kind: 'review' })).toHaveLength(1);
    o.get('acme/platform').update(
      mine.id,
      { body: 'Domain events go to Kafka, partitioned by tenant.' },
      person('alice'),
    );
    await checker(o, counting).check('acme/platform', mine.id);
    expect(o.get('acme/payments').list({ kind: 'review' })).toHaveLength(2);
  });

  it('skips reviews and conflicts as subjects, and missing items', async () => {
    const o = org('acme/platform', 'acme/payments');
    const c = checker(o);
    expect((await c.check('acme/platform', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).skipped).toBe('gone');
  });

  it('resolves a conflict only by one of its owners, superseding the dropped side', async () => {
    const o = org('acme/platform', 'acme/payments');
    const theirs = o
      .get('acme/payments')
      .create(
        { kind: 'decision', title: 'Log retention', body: 'Application logs are kept for 90 days.', source },
        person('bob'),
      );
    const mine = o
      .get('acme/platform')
      .create(
        { kind: 'decision', title: 'Log retention', body: 'Application logs are kept for 30 days.', source },
        person('alice'),
      );
    await checker(o).check('acme/platform', mine.id);
    const [conflict] = o.get('acme/platform').list({ kind: 'conflict' });
    if (!conflict) throw new Error('expected a conflict');
    const input = { space: 'acme/platform' as const, conflictId: conflict.id };
    await expect(
      resolveConflict(o.opener, { ...input, outcome: 'keep-first', by: 'mallory' }),
    ).rejects.toMatchObject({ code: 'not_owner' });
    await expect(
      resolveConflict(o.opener, { ...input, outcome: 'both-stand', by: 'bob' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const resolved = await resolveConflict(o.opener, { ...input, outcome: 'keep-second', by: 'bob' });
    expect(resolved.conflict?.resolution).toMatchObject({ outcome: 'keep-second', by: 'bob' });
    expect(o.get('acme/platform').get(mine.id)?.status).toBe('superseded');
    expect(o.get('acme/payments').get(theirs.id)?.status).toBe('proposed');
    await expect(
      resolveConflict(o.opener, { ...input, outcome: 'keep-first', by: 'alice' }),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('lists what needs attention for the digest', async () => {
    const o = org('acme/platform', 'acme/payments');
    const platform = o.get('acme/platform');
    platform.create({ kind: 'decision', title: 'Stale', source, reviewBy: '2026-01-01' }, person('alice'));
    platform.create({ kind: 'decision', title: 'Orphan', source, owner: 'ghost' }, person('alice'));
    platform.create({ kind: 'question', title: 'Who owns billing retries?', source }, person('alice'));
    const theirs = o
      .get('acme/payments')
      .create(
        { kind: 'decision', title: 'Orders database', body: 'Orders live in MySQL.', source },
        person('bob'),
      );
    const mine = platform.create(
      { kind: 'decision', title: 'Orders database', body: 'Orders live in Postgres.', source },
      person('alice'),
    );
    await checker(o).check('acme/platform', mine.id);
    const known = new Set(
      EnsembleConfig.parse({
        people: [
          { id: 'alice', name: 'Alice' },
          { id: 'bob', name: 'Bob' },
        ],
      }).people.map((p) => p.id),
    );
    const forPlatform = attentionFor({
      own: platform,
      others: [o.get('acme/payments')],
      knownPeople: known,
      now: new Date('2026-11-25T00:00:00Z'),
    });
    expect(forPlatform.dueForReview.map((i) => i.title)).toEqual(['Stale']);
    expect(forPlatform.unowned.map((i) => i.title)).toEqual(['Orphan']);
    expect(forPlatform.openQuestions.map((i) => i.title)).toEqual(['Who owns billing retries?']);
    expect(forPlatform.openConflicts).toHaveLength(1);
    const forPayments = attentionFor({
      own: o.get('acme/payments'),
      others: [platform],
      knownPeople: known,
      now: new Date(),
    });
    expect(forPayments.openConflicts.map((c) => c.item.conflict?.sides[1].id)).toEqual([theirs.id]);
  });
});
