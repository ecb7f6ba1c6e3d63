// Retrieval: index build time, hybrid search latency and freshness at 100k items across three
// spaces (real LanceDB on disk, the embedded hashing embedder), then recall@5 on a hand-written
// decision set (bench/data/retrieval-eval.json). Prints figures and goals; never fails the run.
// Runs standalone too: `node bench/retrieval.bench.mjs` after `npm run build`.
// BENCH_RETRIEVAL_ITEMS=20000 makes a quicker run.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ITEMS_KEY, SpaceMemory } from '@ensemble/core';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '@ensemble/retrieval';
import * as Y from 'yjs';
import { makeItems, seeded } from './lib/items.mjs';
import { ms, out, percentile } from './lib/report.mjs';

const ITEMS = Number(process.env.BENCH_RETRIEVAL_ITEMS ?? 100_000);
const SPACES = ['acme/platform', 'acme/payments', 'acme/mobile'];
const SEARCH_QUERIES = 200;
const FRESH_WRITES = 50;
const K = 5;
const GOALS = { searchP95: 25, freshP95: 100 };
const VOCAB = (
  'service database queue cache retry timeout budget owner review latency payments ledger migration schema ' +
  'index rollout feature flag region replica backup encryption token audit postgres redis kafka deploy canary'
).split(' ');

const goal = (label, value, limit) =>
  out(`${label}: ${ms(value)} (goal <= ${limit} ms) ${value <= limit ? 'OK' : 'MISSED'}`);

const dir = await mkdtemp(join(tmpdir(), 'ensemble-bench-retrieval-'));
try {
  await scale(dir);
  await evaluateRecall(join(dir, 'eval'), process.argv.includes('--verbose'));
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function scale(root) {
  out(`Retrieval at ${ITEMS.toLocaleString('en')} items in ${SPACES.length} spaces, hashing embedder`);
  let started = performance.now();
  const memories = SPACES.map((space) => new SpaceMemory(space, new Y.Doc()));
  const items = makeItems(ITEMS, 7);
  for (const [m, memory] of memories.entries()) {
    const map = memory.doc.getMap(ITEMS_KEY);
    memory.doc.transact(() => {
      for (let i = m; i < items.length; i += memories.length) map.set(items[i].id, items[i]);
    });
  }
  out(`generated spaces: ${ms(performance.now() - started)}`);

  const index = await RetrievalIndex.open({ dataDir: root, embedder: new HashingEmbedder(384) });
  const indexer = new SpaceIndexer(index);
  const built = await indexer.rebuild(memories);
  out(
    `index build (read CRDT, embed, write, FTS + ANN index): ${(built.ms / 1000).toFixed(1)} s for ${built.rows.toLocaleString('en')} rows (${Math.round(built.rows / (built.ms / 1000))} rows/s); indices ${(await index.indexKinds()).join(', ')}`,
  );

  started = performance.now();
  for (const memory of memories) await indexer.follow(memory);
  out(`catch-up check of all spaces (nothing to do): ${ms(performance.now() - started)}`);

  await searchLatency(index);
  await freshness(index, indexer, memories);

  started = performance.now();
  await index.optimize();
  out(`optimize: ${ms(performance.now() - started)}, unindexed rows after: ${await index.unindexedRows()}`);
  await indexer.close();
  await index.close();
}

async function searchLatency(index) {
  const random = seeded(11);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const queries = Array.from({ length: SEARCH_QUERIES }, () => {
    const words = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(VOCAB)).join(' ');
    const readable = SPACES.filter(() => random() < 0.7);
    return { query: words, spaces: readable.length > 0 ? readable : [pick(SPACES)], limit: 10 };
  });
  for (const q of queries.slice(0, 20)) await index.search(q);
  for (const mode of ['hybrid', 'text', 'vector']) {
    const times = [];
    let returned = 0;
    for (const q of queries) {
      const t0 = performance.now();
      returned += (await index.search({ ...q, mode })).length;
      times.push(performance.now() - t0);
    }
    const line = `${mode} search p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, p99 ${ms(percentile(times, 99))} (${SEARCH_QUERIES} queries, ${(returned / SEARCH_QUERIES).toFixed(1)} results each)`;
    out(line);
    if (mode === 'hybrid') goal('hybrid search p95', percentile(times, 95), GOALS.searchP95);
  }
}

/** Time from a write to memory until a search finds it: observe, coalesce, embed, commit, query. */
async function freshness(index, indexer, memories) {
  const times = [];
  let missed = 0;
  const editable = memories.map((memory) => memory.list({ status: 'accepted' }));
  for (let i = 0; i < FRESH_WRITES; i++) {
    const memory = memories[i % memories.length];
    const token = `freshmarker${i}x`;
    const target = editable[i % memories.length][i];
    const t0 = performance.now();
    let id;
    if (i % 2 === 0) {
      id = memory.create(
        { kind: 'decision', title: `Decision ${token} about caching`, source: { surface: 'cli' } },
        { kind: 'person', id: 'alice' },
      ).id;
    } else {
      id = memory.update(
        target.id,
        { title: `${target.title.slice(0, 150)} ${token}` },
        { kind: 'person', id: target.owner },
      ).id;
    }
    await indexer.flushed();
    const hits = await index.search({ query: token, spaces: [memory.space], limit: 5 });
    times.push(performance.now() - t0);
    if (hits[0]?.id !== id) missed++;
  }
  out(
    `freshness (write -> searchable) p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(Math.max(...times))} over ${FRESH_WRITES} creates and edits; not found first: ${missed}`,
  );
  goal('freshness p95', percentile(times, 95), GOALS.freshP95);
  out(`unindexed tail after the writes: ${await index.unindexedRows()} rows`);
}

// Recall@5 of BM25 only, vectors only and hybrid on a hand-written decision set: questions are
// phrased the way people ask them, so it is not plain keyword matching.

export async function evaluateRecall(dataDir, verbose) {
  const data = JSON.parse(readFileSync(new URL('./data/retrieval-eval.json', import.meta.url), 'utf8'));
  const memories = new Map();
  const ids = new Map();
  const author = { kind: 'person', id: 'alice' };
  for (const entry of data.items) {
    if (!memories.has(entry.space)) memories.set(entry.space, new SpaceMemory(entry.space, new Y.Doc()));
    const memory = memories.get(entry.space);
    const input = {
      kind: 'decision',
      title: entry.title,
      body: entry.body,
      tags: entry.tags,
      source: { surface: 'slack' },
      status: entry.status === 'proposed' || entry.status === 'rejected' ? 'proposed' : 'accepted',
    };
    const item = entry.replaces
      ? memory.supersede(ids.get(entry.replaces), input, author).replacement
      : memory.create(input, author);
    if (entry.status === 'rejected') memory.reject(item.id, 'alice');
    ids.set(entry.key, item.id);
  }
  const keyOf = new Map([...ids].map(([key, id]) => [id, key]));

  const index = await RetrievalIndex.open({
    dataDir,
    embedder: new HashingEmbedder(384),
    backgroundOptimize: false,
  });
  const indexer = new SpaceIndexer(index);
  await indexer.rebuild([...memories.values()]);
  out(
    `\nRecall@${K} on ${data.questions.length} hand-written questions over ${data.items.length} decisions in ${memories.size} spaces`,
  );
  const spaces = [...memories.keys()];
  for (const mode of ['text', 'vector', 'hybrid']) {
    let sum = 0;
    const misses = [];
    for (const question of data.questions) {
      const hits = await index.search({ query: question.q, spaces, limit: K, mode });
      const got = hits.map((h) => keyOf.get(h.id));
      const found = question.expected.filter((key) => got.includes(key)).length;
      sum += found / question.expected.length;
      if (found < question.expected.length)
        misses.push(`  "${question.q}" expected ${question.expected.join(', ')}, got ${got.join(', ')}`);
    }
    const label = mode === 'text' ? 'BM25 only' : mode === 'vector' ? 'vector only' : 'hybrid (RRF)';
    out(`${label.padEnd(13)} recall@${K}: ${((100 * sum) / data.questions.length).toFixed(1)}%`);
    if (verbose && misses.length > 0) out(misses.join('\n'));
  }
  await indexer.close();
  await index.close();
}
