import type { SpaceMemory } from '@ensemble/core';
import { afterEach, describe, expect, it } from 'vitest';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '../src/index.js';
import { alice, bob, decision, space, tempDir } from './helpers.js';

const subjects = [
  'postgres',
  'redis cache',
  'kafka topics',
  'release train',
  'incident review',
  'api gateway',
];
const verbs = ['adopt', 'retire', 'document', 'benchmark', 'migrate to', 'pin versions of'];
const queries = [
  'postgres migration',
  'retire redis cache',
  'kafka',
  'release incident',
  'gateway versions',
  'benchmark',
];

/** A seeded history of creates, edits, supersedes, rejects and deletes across two spaces. */
function writeHistory(spaces: SpaceMemory[]): void {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  for (let i = 0; i < 80; i++) {
    const memory = pick(spaces);
    const live = memory.list().filter((it) => it.status === 'accepted' || it.status === 'proposed');
    const roll = random();
    const target = live.length > 0 ? pick(live) : undefined;
    if (roll < 0.55 || !target) {
      memory.create(
        decision(`${pick(verbs)} ${pick(subjects)} (${i})`, `Because ${pick(subjects)} matters.`),
        alice,
      );
    } else if (roll < 0.7) {
      memory.update(target.id, { body: `Revised: ${pick(verbs)} ${pick(subjects)}.` }, alice);
    } else if (roll < 0.8) {
      memory.supersede(target.id, decision(`${pick(verbs)} ${pick(subjects)} instead (${i})`), alice);
    } else if (roll < 0.9 && target.owner === 'alice') {
      memory.delete(target.id, alice);
    } else {
      memory.create(
        decision(`Question about ${pick(subjects)}?`, '', { kind: 'question', status: 'proposed' }),
        bob,
      );
    }
  }
}

describe('rebuild equals incremental', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function open() {
    const temp = await tempDir();
    const index = await RetrievalIndex.open({
      dataDir: temp.dir,
      embedder: new HashingEmbedder(128),
      backgroundOptimize: false,
    });
    const indexer = new SpaceIndexer(index, { batchSize: 7 });
    cleanups.push(async () => {
      await indexer.close();
      await index.close();
      await temp.cleanup();
    });
    return { index, indexer };
  }

  async function answers(index: RetrievalIndex): Promise<string[][]> {
    const out: string[][] = [];
    for (const query of queries) {
      const hits = await index.search({ query, spaces: ['acme/platform', 'acme/payments'], limit: 15 });
      out.push(hits.map((h) => `${h.space}/${h.id}@${h.version}:${h.status}`));
    }
    return out;
  }

  it('gives the same ids in the same order after a rebuild as after following every change', async () => {
    const spaces = [space('acme/platform'), space('acme/payments')];
    const live = await open();
    for (const memory of spaces) await live.indexer.follow(memory);
    writeHistory(spaces);
    await live.indexer.flushed();
    const incremental = await answers(live.index);

    const fresh = await open();
    const { rows } = await fresh.indexer.rebuild(spaces);
    const total = spaces.reduce((n, m) => n + m.list().length, 0);
    expect(rows).toBe(total);
    expect(await live.index.count()).toBe(total);
    expect(await answers(fresh.index)).toEqual(incremental);
    // Compaction folds the unindexed tail into the indices without changing any answer.
    await live.index.optimize();
    expect(await live.index.unindexedRows()).toBe(0);
    expect(await answers(live.index)).toEqual(incremental);

    // Rebuilding in place swaps in a new table and still answers the same.
    await live.indexer.rebuild(spaces);
    expect(await answers(live.index)).toEqual(incremental);
    expect(incremental.flat().length).toBeGreaterThan(30);
  });

  it('keeps writes made during a rebuild', async () => {
    const memory = space('acme/platform');
    const { index, indexer } = await open();
    await indexer.follow(memory);
    for (let i = 0; i < 50; i++) memory.create(decision(`Existing decision ${i}`), alice);
    await indexer.flushed();
    const rebuilding = indexer.rebuild([memory]);
    const late = memory.create(decision('Late decision about zebras'), alice);
    await rebuilding;
    await indexer.flushed();
    expect(await index.count()).toBe(51);
    expect((await index.search({ query: 'zebras', spaces: ['acme/platform'] }))[0]?.id).toBe(late.id);
  });
});
