import { ITEMS_KEY } from '@ensemble/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { alice, decision, space, tempDir } from './helpers.js';

describe('the index follows changes in the space', () => {
  let cleanup: () => Promise<void>;
  let index: RetrievalIndex;
  let indexer: SpaceIndexer;
  const platform = () => space('acme/platform');

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

  const search = (query: string) => index.search({ query, spaces: ['acme/platform'], limit: 20 });

  it('makes a new or edited item searchable once flushed() resolves', async () => {
    const memory = platform();
    await indexer.follow(memory);
    const item = memory.create(decision('Feature flags live in LaunchDarkly'), alice);
    await indexer.flushed();
    expect((await search('LaunchDarkly feature flags'))[0]).toMatchObject({
      id: item.id,
      version: 1,
      title: item.title,
    });

    memory.update(item.id, { title: 'Feature flags live in Unleash', body: 'Self-hosted, cheaper.' }, alice);
    await indexer.flushed();
    const hits = await search('Unleash self-hosted');
    expect(hits[0]).toMatchObject({ id: item.id, version: 2, snippet: 'Self-hosted, cheaper.' });
    expect(await index.count()).toBe(1);
  });

  it('drops deleted items', async () => {
    const memory = platform();
    await indexer.follow(memory);
    const keep = memory.create(decision('Logs are kept for 30 days'), alice);
    const gone = memory.create(decision('Logs are shipped to Splunk'), alice);
    await indexer.flushed();
    memory.delete(gone.id, alice);
    await indexer.flushed();
    const hits = await search('logs splunk');
    expect(hits.map((h) => h.id)).toEqual([keep.id]);
  });

  it('reflects a supersede: the replacement ranks above the superseded item', async () => {
    const memory = platform();
    await indexer.follow(memory);
    const old = memory.create(
      decision(
        'Service-to-service auth uses mutual TLS',
        'Every internal call presents a client certificate.',
      ),
      alice,
    );
    await indexer.flushed();
    expect((await search('internal service auth'))[0]?.id).toBe(old.id);

    const { replacement } = memory.supersede(
      old.id,
      decision(
        'Service auth moves to signed JWTs',
        'Internal calls carry a short-lived JWT instead of mutual TLS.',
      ),
      alice,
    );
    await indexer.flushed();
    const hits = await search('mutual TLS internal service auth');
    expect(hits.map((h) => [h.id, h.status])).toEqual([
      [replacement.id, 'accepted'],
      [old.id, 'superseded'],
    ]);
  });

  it('ranks rejected and superseded items below accepted ones with the same words', async () => {
    const memory = platform();
    await indexer.follow(memory);
    const rejected = memory.create(
      decision('Adopt GraphQL federation for the public API', '', { status: 'proposed' }),
      alice,
    );
    memory.reject(rejected.id, 'alice');
    const accepted = memory.create(decision('Adopt GraphQL for the public API', ''), alice);
    await indexer.flushed();
    const hits = await search('GraphQL federation public API');
    expect(hits.map((h) => h.id)).toEqual([accepted.id, rejected.id]);
  });

  it('removes an item that becomes invalid (quarantined) and keeps the rest', async () => {
    const memory = platform();
    await indexer.follow(memory);
    const good = memory.create(decision('Backups run nightly at 02:00 UTC'), alice);
    const bad = memory.create(decision('Backups are tested monthly'), alice);
    await indexer.flushed();
    // A buggy or malicious client writes a value that does not match the item schema.
    memory.doc.getMap(ITEMS_KEY).set(bad.id, { id: bad.id, title: 42 });
    await indexer.flushed();
    expect((await search('backups')).map((h) => h.id)).toEqual([good.id]);
  });

  it('catches up on changes made while it was not following', async () => {
    const memory = platform();
    const before = memory.create(decision('Terraform state lives in S3'), alice);
    expect(await indexer.follow(memory)).toEqual({ upserted: 1, removed: 0 });
    indexer.unfollow(memory.space);
    memory.update(before.id, { body: 'With DynamoDB locking.' }, alice);
    const added = memory.create(decision('Terraform modules are versioned'), alice);
    expect(await indexer.follow(memory)).toEqual({ upserted: 2, removed: 0 });
    memory.delete(added.id, alice);
    await indexer.flushed();
    expect(await indexer.reconcile(memory)).toEqual({ upserted: 0, removed: 0 });
    expect((await search('terraform dynamodb')).map((h) => h.id)).toEqual([before.id]);
  });

  it('coalesces a burst of writes into few index commits and finds all of them', async () => {
    const memory = platform();
    await indexer.follow(memory);
    const ids = memory.doc.transact(() =>
      Array.from(
        { length: 300 },
        (_, i) => memory.create(decision(`Runbook ${i} for zebra incidents`), alice).id,
      ),
    );
    await indexer.flushed();
    expect(await index.count()).toBe(300);
    const hits = await index.search({ query: 'zebra runbook', spaces: ['acme/platform'], limit: 50 });
    expect(hits).toHaveLength(50);
    expect(new Set(ids).size).toBe(300);
  });
});
