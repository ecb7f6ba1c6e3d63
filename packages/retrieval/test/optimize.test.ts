import { afterEach, describe, expect, it } from 'vitest';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { alice, decision, space, tempDir } from './helpers.js';

describe('optimize', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('folds the unindexed tail into the indices and builds the ANN index once the table is large', async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const index = await RetrievalIndex.open({
      dataDir: temp.dir,
      embedder: new HashingEmbedder(32),
      backgroundOptimize: false,
      config: { annMinRows: 400 },
    });
    const indexer = new SpaceIndexer(index, { batchSize: 50 });
    const memory = space('acme/platform');
    await indexer.follow(memory);
    memory.doc.transact(() => {
      for (let i = 0; i < 450; i++)
        memory.create(decision(`Capacity plan ${i}`, `Cluster ${i % 9} grows.`), alice);
    });
    const target = memory.create(decision('Capacity plan for the walrus cluster'), alice);
    await indexer.flushed();
    expect(await index.unindexedRows()).toBe(451);
    expect(await index.indexKinds()).not.toContain('IvfRq');
    await index.optimize();
    expect(await index.unindexedRows()).toBe(0);
    expect(await index.indexKinds()).toContain('IvfRq');
    const hits = await index.search({ query: 'walrus cluster capacity', spaces: ['acme/platform'] });
    expect(hits[0]?.id).toBe(target.id);
    expect(hits[0]?.matchedBy).toEqual(['text', 'vector']);
    await indexer.close();
    await index.close();
  });

  it('runs in the background once enough rows were written', async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const index = await RetrievalIndex.open({
      dataDir: temp.dir,
      embedder: new HashingEmbedder(32),
      config: { optimizeAfterWrites: 100 },
    });
    const indexer = new SpaceIndexer(index, { batchSize: 60 });
    const memory = space('acme/platform');
    await indexer.follow(memory);
    memory.doc.transact(() => {
      for (let i = 0; i < 120; i++) memory.create(decision(`Alert rule ${i}`), alice);
    });
    await indexer.flushed();
    // The second batch crossed the threshold and queued an optimize behind it on the write queue.
    await index.idle();
    expect(await index.unindexedRows()).toBe(0);
    await indexer.close();
    await index.close();
  });
});
