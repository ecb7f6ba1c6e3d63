// Recall@5 of BM25 only, vectors only and hybrid on a hand-written decision set: questions are
// phrased the way people ask them, so it is not plain keyword matching.
import { readFileSync } from 'node:fs';
import { SpaceMemory } from '@ensemble/core';
import { HashingEmbedder, RetrievalIndex, SpaceIndexer } from '@ensemble/retrieval';
import * as Y from 'yjs';
import { out } from './report.mjs';

const K = 5;

export async function evaluateRecall(dataDir, verbose) {
  const data = JSON.parse(readFileSync(new URL('../data/retrieval-eval.json', import.meta.url), 'utf8'));
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

  const index = await RetrievalIndex.open({ dataDir, embedder: new HashingEmbedder(384), backgroundOptimize: false });
  const indexer = new SpaceIndexer(index);
  await indexer.rebuild([...memories.values()]);
  out(`\nRecall@${K} on ${data.questions.length} hand-written questions over ${data.items.length} decisions in ${memories.size} spaces`);
  const spaces = [...memories.keys()];
  for (const mode of ['text', 'vector', 'hybrid']) {
    let sum = 0;
    const misses = [];
    for (const question of data.questions) {
      const hits = await index.search({ query: question.q, spaces, limit: K, mode });
      const got = hits.map((h) => keyOf.get(h.id));
      const found = question.expected.filter((key) => got.includes(key)).length;
      sum += found / question.expected.length;
      if (found < question.expected.length) misses.push(`  "${question.q}" expected ${question.expected.join(', ')}, got ${got.join(', ')}`);
    }
    const label = mode === 'text' ? 'BM25 only' : mode === 'vector' ? 'vector only' : 'hybrid (RRF)';
    out(`${label.padEnd(13)} recall@${K}: ${((100 * sum) / data.questions.length).toFixed(1)}%`);
    if (verbose && misses.length > 0) out(misses.join('\n'));
  }
  await indexer.close();
  await index.close();
}
