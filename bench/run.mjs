// Runs every bench/*.bench.mjs (or those whose name contains a filter argument:
// `npm run bench -- load`), each in its own process so one bench's heap never slows the next.
// A missed goal is printed as MISSED and does not fail the run; a crashed bench does.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));
const passThrough = args.filter((a) => a.startsWith('--'));

const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`No bench matches ${filters.join(', ')}; benches are bench/*.bench.mjs.\n`);
  process.exit(1);
}

const crashed = [];
for (const name of benches) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [`${here}${name}`, ...passThrough], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) crashed.push(name);
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'done' : 'FAILED'} in ${seconds} s ===\n`);
}
if (crashed.length > 0) {
  process.stderr.write(`Benches that crashed: ${crashed.join(', ')}\n`);
  process.exit(1);
}
