// Load time of a 100k-item space from the hub's store (snapshot, and an uncompacted log)
// versus JSON.parse of the same items read from a file. Prints figures and the goal ratio.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Item } from '@ensemble/core';
import { createFileSpaceStore } from '@ensemble/sync-server/persistence';
import * as Y from 'yjs';
import { makeItems } from './lib/items.mjs';
import { bestOf, goalLine, machineLoad, ms, out, table } from './lib/report.mjs';

const COUNT = Number(process.env.BENCH_LOAD_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 5);
const GOAL = 4;
const SPACE = 'acme/platform';

const dir = await mkdtemp(join(tmpdir(), 'ensemble-bench-load-'));
try {
  out(`\nLoad of a ${COUNT.toLocaleString('en')}-item space (best of ${RUNS})`);
  const items = makeItems(COUNT);
  // The generator must produce what SpaceMemory accepts, or the figure means nothing.
  for (const item of items.slice(0, 1000)) Item.parse(item);

  const dataDir = join(dir, 'data');
  const writer = createFileSpaceStore({ dataDir });
  const doc = new Y.Doc();
  doc.on('update', (update) => writer.append(SPACE, update));
  const map = doc.getMap('items');
  // One transaction per item, as SpaceMemory.create writes it: the log gets one record each.
  for (const item of items) map.set(item.id, item);
  // Then every item changes once (confirmed, edited): the log keeps both versions, a
  // snapshot only the live one.
  const live = items.map((item) => ({ ...item, status: 'accepted', version: item.version + 1 }));
  for (const item of live) map.set(item.id, item);

  const jsonFile = join(dir, 'items.json');
  await writeFile(jsonFile, JSON.stringify(Object.fromEntries(live.map((i) => [i.id, i]))));
  const logBytes = (await stat(join(dataDir, 'spaces', 'acme', 'platform', 'log.bin'))).size;

  const loadInto = async () => {
    const fresh = new Y.Doc();
    const store = createFileSpaceStore({ dataDir });
    await store.load(SPACE, fresh);
    await store.close();
    const size = fresh.getMap('items').size;
    if (size !== COUNT || fresh.getMap('items').get(items[0].id).status !== 'accepted')
      throw new Error(`loaded ${size} items, expected ${COUNT}`);
  };

  const fromLog = await bestOf(Math.min(RUNS, 2), loadInto);
  await writer.compact(SPACE, doc);
  await writer.close();
  const snapshotBytes = (await stat(join(dataDir, 'spaces', 'acme', 'platform', 'snapshot.bin'))).size;
  const fromSnapshot = await bestOf(RUNS, loadInto);
  const parsed = await bestOf(RUNS, async () => {
    const parsedItems = JSON.parse(await readFile(jsonFile, 'utf8'));
    if (Object.keys(parsedItems).length !== COUNT) throw new Error('JSON lost items');
  });

  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  table(
    ['what', 'bytes', 'time', 'vs JSON.parse'],
    [
      ['readFile + JSON.parse of the items', mb((await stat(jsonFile)).size), ms(parsed), '1.00x'],
      [
        'store.load from snapshot.bin',
        mb(snapshotBytes),
        ms(fromSnapshot),
        `${(fromSnapshot / parsed).toFixed(2)}x`,
      ],
      [
        `store.load from log.bin (${2 * COUNT} updates)`,
        mb(logBytes),
        ms(fromLog),
        `${(fromLog / parsed).toFixed(2)}x`,
      ],
    ],
  );
  goalLine(`load ratio snapshot/JSON.parse at ${COUNT} items`, fromSnapshot / parsed, GOAL);
  out(`uncompacted log/JSON.parse: ${(fromLog / parsed).toFixed(2)}x (why the hub compacts)`);
  out(machineLoad());
} finally {
  await rm(dir, { recursive: true, force: true });
}
