import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { alice, bob, decision, space, tempDir } from './helpers.js';

describe('permission filtering', () => {
  let cleanup: () => Promise<void>;
  let index: RetrievalIndex;
  let indexer: SpaceIndexer;

  beforeEach(async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    index = await RetrievalIndex.open({ dataDir: temp.dir, embedder: new HashingEmbedder(128) });
    indexer = new SpaceIndexer(index);
  });

  afterEach(async () => {
    await indexer.close();
    await index.close();
    await cleanup();
  });

  it('never returns an item from an unreadable space, even when it is the best match', async () => {
    const platform = space('acme/platform');
    const payments = space('acme/payments');
    const secret = space('acme/security');
    await Promise.all([indexer.follow(platform), indexer.follow(payments), indexer.follow(secret)]);
    const topics = [
      'postgres failover',
      'kafka retention',
      'api rate limits',
      'on-call rotation',
      'tls certificates',
    ];
    for (const topic of topics) {
      platform.create(decision(`Platform note on ${topic.split(' ')[1]}`, 'Loosely related.'), alice);
      payments.create(
        decision(`Payments aside about ${topic.split(' ')[0]}`, 'Something else entirely.'),
        bob,
      );
      // The exact wording lives only in the unreadable space: it is the best match for every query.
      secret.create(decision(`${topic}`, `${topic}: the precise answer.`), alice);
    }
    await indexer.flushed();

    for (const topic of topics) {
      const everywhere = await index.search({
        query: topic,
        spaces: ['acme/platform', 'acme/payments', 'acme/security'],
      });
      if (everywhere[0]?.space !== 'acme/security')
        console.error(topic, JSON.stringify(everywhere.map((r) => [r.space, r.title, r.score, r.matchedBy])));
      expect(everywhere[0]?.space).toBe('acme/security');

      const readable = await index.search({
        query: topic,
        spaces: ['acme/platform', 'acme/payments'],
        limit: 50,
      });
      expect(readable.length).toBeGreaterThan(0);
      expect(readable.every((r) => r.space === 'acme/platform' || r.space === 'acme/payments')).toBe(true);

      const onlyPayments = await index.search({ query: topic, spaces: ['acme/payments'], limit: 50 });
      expect(onlyPayments.map((r) => r.space)).toEqual(onlyPayments.map(() => 'acme/payments'));
    }
  });

  it('returns nothing for an empty list of readable spaces instead of searching everything', async () => {
    const platform = space('acme/platform');
    await indexer.follow(platform);
    platform.create(decision('Use PostgreSQL 16 for every new service'), alice);
    await indexer.flushed();
    expect(await index.search({ query: 'PostgreSQL', spaces: [] })).toEqual([]);
    expect(await index.search({ query: 'PostgreSQL', spaces: ['acme/other'] })).toEqual([]);
    expect(await index.search({ query: 'PostgreSQL', spaces: ['acme/platform'] })).toHaveLength(1);
  });

  it('filters by kind and status inside the readable spaces', async () => {
    const platform = space('acme/platform');
    await indexer.follow(platform);
    const accepted = platform.create(decision('Cache sessions in Redis'), alice);
    const question = platform.create(
      { kind: 'question', title: 'Should sessions live in Redis?', source: { surface: 'slack' } },
      bob,
    );
    await indexer.flushed();
    const decisions = await index.search({
      query: 'sessions redis',
      spaces: ['acme/platform'],
      kinds: ['decision'],
    });
    expect(decisions.map((r) => r.id)).toEqual([accepted.id]);
    const proposed = await index.search({
      query: 'sessions redis',
      spaces: ['acme/platform'],
      statuses: ['proposed'],
    });
    expect(proposed.map((r) => r.id)).toEqual([question.id]);
  });
});
