import { afterEach, describe, expect, it } from 'vitest';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { alice, decision, space, tempDir } from './helpers.js';

describe('switching the embedder', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('starts an empty index and refills it from the spaces instead of mixing vectors', async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const memory = space('acme/platform');
    for (let i = 0; i < 20; i++) memory.create(decision(`Decision ${i} about queues`), alice);
    const target = memory.create(decision('Message queues use SQS FIFO'), alice);

    const first = await RetrievalIndex.open({ dataDir: temp.dir, embedder: new HashingEmbedder(64) });
    expect(first.openReason).toBe('created');
    const firstIndexer = new SpaceIndexer(first);
    expect(await firstIndexer.follow(memory)).toEqual({ upserted: 21, removed: 0 });
    await firstIndexer.close();
    await first.close();

    const same = await RetrievalIndex.open({ dataDir: temp.dir, embedder: new HashingEmbedder(64) });
    expect(same.openReason).toBe('reused');
    expect(await same.count()).toBe(21);
    const sameIndexer = new SpaceIndexer(same);
    expect(await sameIndexer.follow(memory)).toEqual({ upserted: 0, removed: 0 });
    await sameIndexer.close();
    await same.close();

    const switched = await RetrievalIndex.open({ dataDir: temp.dir, embedder: new HashingEmbedder(96) });
    expect(switched.openReason).toBe('embedder-changed');
    expect(await switched.count()).toBe(0);
    const indexer = new SpaceIndexer(switched);
    expect(await indexer.follow(memory)).toEqual({ upserted: 21, removed: 0 });
    const hits = await switched.search({ query: 'SQS FIFO queues', spaces: ['acme/platform'] });
    expect(hits[0]?.id).toBe(target.id);
    expect(hits[0]?.matchedBy).toContain('vector');
    expect(hits[0]?.similarity).toBeGreaterThan(0.3);
    const textOnly = await switched.search({
      query: 'SQS FIFO queues',
      spaces: ['acme/platform'],
      mode: 'text',
    });
    expect(textOnly[0]).toMatchObject({ id: target.id, matchedBy: ['text'], similarity: null });
    await indexer.close();
    await switched.close();
  });
});
