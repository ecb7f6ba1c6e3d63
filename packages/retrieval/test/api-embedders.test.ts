import { EmbedderConfig, EnsembleError } from '@ensemble/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { FakeEmbeddingsServer } from './fake-embeddings-server.js';
import { alice, decision, space, tempDir } from './helpers.js';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('API embedders against a fake embeddings server', () => {
  let fake: FakeEmbeddingsServer;
  beforeEach(async () => {
    fake = await FakeEmbeddingsServer.start(32);
  });
  afterEach(async () => fake.close());

  const voyage = (extra: Record<string, unknown> = {}) =>
    createEmbedder(
      EmbedderConfig.parse({ kind: 'voyage', baseUrl: fake.baseUrl, dimensions: 32, batchSize: 2, ...extra }),
      { VOYAGE_API_KEY: 'vk-test' },
    );
  const openai = (extra: Record<string, unknown> = {}) =>
    createEmbedder(
      EmbedderConfig.parse({
        kind: 'openai-compatible',
        baseUrl: `${fake.baseUrl}/`,
        dimensions: 32,
        ...extra,
      }),
      {},
    );

  it('calls Voyage with model, input_type and the key from the named env var, in batches', async () => {
    const embedder = voyage();
    expect(embedder.id).toBe('voyage/voyage-3.5/32');
    const vectors = await embedder.embed(['a decision', 'another one', 'a third'], undefined, 'query');
    expect(vectors).toHaveLength(3);
    for (const v of vectors) expect(norm(v)).toBeCloseTo(1, 5);
    expect(fake.requests.map((r) => r.body.input.length)).toEqual([2, 1]);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/embeddings',
      authorization: 'Bearer vk-test',
      body: { model: 'voyage-3.5', input_type: 'query', output_dimension: 32 },
    });
  });

  it('places embeddings by their index even when the server answers out of order', async () => {
    const embedder = openai();
    const [a, b] = await embedder.embed(['postgres failover', 'friday deploys']);
    const [a2] = await embedder.embed(['postgres failover']);
    expect(a).toEqual(a2);
    expect(a).not.toEqual(b);
    expect(fake.requests[0]?.authorization).toBeUndefined();
  });

  it('turns error statuses into coded errors that say what to do', async () => {
    const embedder = voyage();
    const cases: [number, string, RegExp][] = [
      [401, 'model_auth', /VOYAGE|apiKeyEnv/],
      [429, 'rate_limited', /rate limiting/],
      [503, 'unavailable', /try again later/],
      [400, 'model_rejected', /model and dimensions/],
    ];
    for (const [status, code, message] of cases) {
      fake.script.push({ status, body: { detail: 'nope' } });
      const error = await embedder.embed(['x']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnsembleError);
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    }
  });

  it('reports wrong dimensions, malformed bodies and timeouts', async () => {
    fake.script.push({ status: 200, body: { data: [{ index: 0, embedding: [1, 2, 3] }] } });
    await expect(openai().embed(['x'])).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringMatching(/set it to 3/),
    });
    fake.script.push({ status: 200, body: { unexpected: true } });
    await expect(openai().embed(['x'])).rejects.toMatchObject({ code: 'unavailable' });
    fake.script.push({ status: 200, delayMs: 2000 });
    await expect(openai({ timeoutMs: 150 }).embed(['x'])).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/within 150 ms/),
    });
  });

  it('needs the API key env var only when the config names one', () => {
    expect(() =>
      createEmbedder(EmbedderConfig.parse({ kind: 'voyage', baseUrl: fake.baseUrl }), {}),
    ).toThrowError(
      expect.objectContaining({ code: 'invalid_config', message: expect.stringMatching(/VOYAGE_API_KEY/) }),
    );
    expect(() => openai({ apiKeyEnv: 'OLLAMA_KEY' })).toThrowError(/OLLAMA_KEY/);
    expect(() => openai()).not.toThrow();
  });

  it('backs a real index: the indexer retries until the embedder recovers, then items are searchable', async () => {
    const temp = await tempDir();
    const index = await RetrievalIndex.open({ dataDir: temp.dir, embedder: openai() });
    const indexer = new SpaceIndexer(index, { retryMs: 20 });
    const memory = space('acme/platform');
    await indexer.follow(memory);
    fake.script.push({ status: 503 }, { status: 503 });
    const item = memory.create(decision('Search uses hybrid ranking'), alice);
    await expect(indexer.flushed()).rejects.toMatchObject({ code: 'unavailable' });
    // The second scripted 503 fails one retry; the next one succeeds. Bounded: at most 5 waits.
    let flushedAfter = -1;
    for (let wait = 0; wait < 5 && flushedAfter < 0; wait++) {
      if (
        await indexer.flushed().then(
          () => true,
          () => false,
        )
      )
        flushedAfter = wait;
    }
    expect(flushedAfter).toBe(1);
    const hits = await index.search({ query: 'hybrid ranking', spaces: ['acme/platform'] });
    expect(hits.map((h) => h.id)).toEqual([item.id]);
    await indexer.close();
    await index.close();
    await temp.cleanup();
  });
});
