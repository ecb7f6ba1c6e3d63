import { EnsembleError } from '@ensemble/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { alice, decision, space, tempDir } from './helpers.js';

describe('bad search input', () => {
  let cleanup: () => Promise<void>;
  let index: RetrievalIndex;
  let indexer: SpaceIndexer;

  beforeEach(async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    index = await RetrievalIndex.open({ dataDir: temp.dir, embedder: new HashingEmbedder(64) });
    indexer = new SpaceIndexer(index);
    const memory = space('acme/platform');
    await indexer.follow(memory);
    memory.create(decision('Releases are cut every second Tuesday'), alice);
    await indexer.flushed();
  });

  afterEach(async () => {
    await indexer.close();
    await index.close();
    await cleanup();
  });

  const rejects = async (input: unknown, message: RegExp) => {
    const error = await index
      .search(input as Parameters<RetrievalIndex['search']>[0])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsembleError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  };

  it('rejects empty or oversized queries with a coded error that says what to do', async () => {
    await rejects({ query: '', spaces: ['acme/platform'] }, /type something to search for/);
    await rejects({ query: '   \n ', spaces: ['acme/platform'] }, /type something to search for/);
    await rejects({ query: 'x'.repeat(1001), spaces: ['acme/platform'] }, /at most 1000/);
    await rejects({ query: 'releases', spaces: ['acme/platform'], limit: 0 }, /limit/);
    await rejects({ query: 'releases', spaces: ['acme/platform'], statuses: ['done'] }, /statuses/);
  });

  it('rejects invalid space ids, including ones crafted to escape the filter', async () => {
    await rejects({ query: 'releases', spaces: ["acme/platform') OR (1=1"] }, /space ids look like/);
    await rejects({ query: 'releases', spaces: ['ACME/Platform'] }, /space ids look like/);
    await rejects({ query: 'releases', spaces: 'acme/platform' }, /spaces/);
  });

  it('treats query text as words, not syntax, and loses nothing already indexed', async () => {
    for (const query of [
      'it\'s "quoted" (x) AND OR -y * ~',
      "'; DROP TABLE items; --",
      '!!!',
      'the of and',
    ]) {
      const hits = await index.search({ query, spaces: ['acme/platform'] });
      expect(Array.isArray(hits)).toBe(true);
    }
    expect(await index.count()).toBe(1);
    expect((await index.search({ query: 'release tuesday', spaces: ['acme/platform'] }))[0]?.title).toBe(
      'Releases are cut every second Tuesday',
    );
  });

  it('rejects an invalid retrieval config when opening', async () => {
    const temp = await tempDir();
    const error = await RetrievalIndex.open({
      dataDir: temp.dir,
      embedder: new HashingEmbedder(64),
      config: { rrfK: -1 },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_config', message: expect.stringMatching(/rrfK/) });
    await temp.cleanup();
  });
});
