// Cost of persisting one update before fan-out: store.append with the default durability
// (bytes handed to the OS, survives a killed hub) and with fsyncEveryUpdate (survives power
// loss). Prints per-append percentiles; the hub pays this once per update, before any send.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFileSpaceStore } from '@ensemble/sync-server/persistence';
import * as Y from 'yjs';
import { makeItems } from './lib/items.mjs';
import { out, percentile, table } from './lib/report.mjs';

const SPACE = 'acme/platform';
const us = (x) => `${(x * 1000).toFixed(0)} µs`;

/** Real item updates, one per item, as SpaceMemory.create produces them. */
function itemUpdates(count) {
  const doc = new Y.Doc();
  const updates = [];
  doc.on('update', (update) => updates.push(update));
  const map = doc.getMap('items');
  for (const item of makeItems(count, 7)) map.set(item.id, item);
  return updates;
}

async function timeAppends(updates, options) {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-bench-append-'));
  try {
    const store = createFileSpaceStore({ dataDir: dir, ...options });
    const times = new Float64Array(updates.length);
    for (const [i, update] of updates.entries()) {
      const start = performance.now();
      store.append(SPACE, update);
      times[i] = performance.now() - start;
    }
    await store.close();
    return times;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const updates = itemUpdates(5000);
const bytes = updates.reduce((n, u) => n + u.byteLength, 0) / updates.length;
out(`\nstore.append of item updates (${bytes.toFixed(0)} bytes on average)`);
const rows = [];
for (const [label, options, count] of [
  ['default (writeSync)', {}, 5000],
  ['fsyncEveryUpdate', { fsyncEveryUpdate: true }, 500],
]) {
  const times = await timeAppends(updates.slice(0, count), options);
  rows.push([label, count, us(percentile(times, 50)), us(percentile(times, 99))]);
}
table(['durability', 'appends', 'p50', 'p99'], rows);
