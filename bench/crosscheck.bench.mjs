// Offline cross-check quality: precision and recall of the deterministic heuristic on a labelled
// set of statement pairs (bench/data/crosscheck-pairs.json). Prints figures; never fails the run.
import { readFileSync } from 'node:fs';
import { heuristicVerdict } from '@ensemble/crosscheck';

const asLabel = (verdict) => (verdict === 'conflicts' || verdict === 'supersedes' ? 'conflict' : verdict);
const labels = ['conflict', 'duplicate', 'consistent'];
const verbose = process.argv.includes('--verbose') || Boolean(process.env.BENCH_VERBOSE);

for (const [file, name] of [
  ['crosscheck-pairs.json', 'tuning set'],
  ['crosscheck-pairs-heldout.json', 'held-out set (never used for tuning)'],
]) {
  const { pairs } = JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'));
  report(name, pairs);
}

function report(name, pairs) {
  const confusion = Object.fromEntries(labels.map((l) => [l, Object.fromEntries(labels.map((m) => [m, 0]))]));
  const misses = [];
  for (const pair of pairs) {
    const got = asLabel(heuristicVerdict(pair.a, pair.b).verdict);
    confusion[pair.label][got]++;
    if (got !== pair.label)
      misses.push(`  expected ${pair.label}, got ${got}: "${pair.a.title}" / "${pair.b.title}"`);
  }
  const pct = (x) => (Number.isNaN(x) ? '  n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);
  process.stdout.write(`\nCross-check heuristic, ${name}: ${pairs.length} labelled pairs\n`);
  process.stdout.write('label        precision  recall   (rows: truth, columns: verdict)\n');
  for (const l of labels) {
    const tp = confusion[l][l];
    const predicted = labels.reduce((n, t) => n + confusion[t][l], 0);
    const actual = labels.reduce((n, p) => n + confusion[l][p], 0);
    const row = labels.map((p) => `${p}=${confusion[l][p]}`).join(' ');
    process.stdout.write(`${l.padEnd(12)} ${pct(tp / predicted)}    ${pct(tp / actual)}   ${row}\n`);
  }
  if (verbose && misses.length > 0) process.stdout.write(`${misses.join('\n')}\n`);
}
