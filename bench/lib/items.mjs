// Realistic memory items for benches: the shape SpaceMemory stores (one plain JSON value per
// item in the `items` map), with varied titles, bodies, tags and sources. Seeded, so every run
// builds the same space.
const WORDS = (
  'service database queue cache retry timeout budget owner review latency payments ledger ' +
  'migration schema index rollout feature flag region replica backup encryption token audit ' +
  'consumer producer contract version deprecate adopt replace postgres redis kafka lambda ' +
  'deploy canary incident alert threshold quota customer invoice refund search ranking model'
).split(' ');
const KINDS = ['decision', 'decision', 'decision', 'context', 'question', 'action'];
const STATUSES = ['proposed', 'accepted', 'accepted', 'superseded', 'rejected'];
const TAGS = [
  'db',
  'api',
  'security',
  'area:payments',
  'area:search',
  'infra',
  'ops',
  'ml',
  'cost',
  'team:core',
];
const PEOPLE = ['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'grace', 'heidi'];

/** Mulberry32: a tiny deterministic PRNG. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, list) => list[Math.floor(random() * list.length)];

function words(random, min, max) {
  const count = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: count }, () => pick(random, WORDS)).join(' ');
}

function sentences(random, count) {
  return Array.from({ length: count }, () => {
    const s = words(random, 8, 18);
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  }).join(' ');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid, sortable ULID from a counter, so ids are unique and stable across runs. */
function itemId(n) {
  let id = '';
  for (let rest = n, i = 0; i < 16; i++, rest = Math.floor(rest / 32)) id = CROCKFORD[rest % 32] + id;
  return `01JD000000${id}`;
}

export function makeItem(random, n) {
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  const owner = pick(random, PEOPLE);
  const fromCode = random() < 0.4;
  const tags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, TAGS)))];
  return {
    id: itemId(n),
    kind: pick(random, KINDS),
    title: `${words(random, 4, 10)} #${n}`,
    body: sentences(random, 1 + Math.floor(random() * 4)),
    status: pick(random, STATUSES),
    owner,
    createdBy:
      random() < 0.7 ? { kind: 'person', id: owner } : { kind: 'assistant', id: 'assistant:acme/platform' },
    source: fromCode
      ? {
          surface: 'vscode',
          path: `src/${pick(random, WORDS)}/${pick(random, WORDS)}.ts`,
          line: 1 + (n % 400),
          commit: (n * 2654435761).toString(16).padStart(12, '0').slice(0, 12),
        }
      : { surface: 'slack', link: `https://acme.slack.com/archives/C0${n % 97}/p${1_700_000_000 + n}` },
    tags,
    ...(random() < 0.3 ? { reviewBy: '2026-06-30' } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1 + Math.floor(random() * 3),
  };
}

export function makeItems(count, seed = 42) {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, n) => makeItem(random, n));
}
