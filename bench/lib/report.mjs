// Small helpers shared by the benches: percentiles, best-of timing, and goal lines that say
// plainly whether a goal was met. Benches print figures; they never fail the run.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export const out = (line = '') => process.stdout.write(`${line}\n`);

/** Nearest-rank percentile of an unsorted list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  return percentile(values, 50);
}

/** Tail latencies mean little on a busy machine: say how busy it was. */
export function machineLoad() {
  const [oneMinute] = loadavg();
  const cores = availableParallelism();
  const note = oneMinute > cores ? ' (busy: other processes compete, tails are noisy)' : '';
  return `machine: ${cores} cores, load average ${oneMinute.toFixed(1)}${note}`;
}

/** Runs `fn` `runs` times (awaiting it) and returns the fastest wall time in ms. */
export async function bestOf(runs, fn) {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** "fan-out p99 ratio hub/relay at N=500: 1.31x (goal <= 1.5x) met" */
export function goalLine(label, ratio, goal) {
  const verdict = ratio <= goal ? 'met' : 'MISSED';
  out(`${label}: ${ratio.toFixed(2)}x (goal <= ${goal}x) ${verdict}`);
  return ratio <= goal;
}

/** Prints rows of cells as a left-aligned table with a header row. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  for (const [index, row] of all.entries()) {
    out(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
    if (index === 0) out(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
