/** Word-level text features shared by the offline cross-check heuristics. */

const STOPWORDS = new Set(
  `a an the and or but if then else of to in on at by for with from into onto as is are was were be been being
  it its this that these those we our us you your they their them he she his her i me my will would shall should
  can could may might must do does did done have has had having so such than too very just also all any each
  every some more most other only own same both few many much per via about after before over under again
  further once here there when where why how what which who whom whose up down out off new now use used using`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that flip the meaning of a statement about a choice. */
export const NEGATION_CUES = new Set([
  'not',
  'no',
  'never',
  'dont',
  'doesnt',
  'wont',
  'shouldnt',
  'mustnt',
  'cannot',
  'cant',
  'avoid',
  'stop',
  'ban',
  'banned',
  'forbid',
  'forbidden',
  'disallow',
  'disallowed',
  'prohibit',
  'prohibited',
  'deprecate',
  'deprecated',
  'without',
  'against',
  'nobody',
  'none',
]);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/(\w)'(\w)/g, '$1$2')
    .split(/[^a-z0-9.%]+/)
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
}

/** A crude stem: enough to match plurals and common verb forms without a dictionary. */
export function stem(token: string): string {
  if (token.length > 5 && token.endsWith('ing')) return token.slice(0, -3);
  if (token.length > 4 && token.endsWith('ed')) return token.slice(0, -2);
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** Spellings of one thing, folded so "PostgreSQL" matches "Postgres". */
export const SYNONYMS: Record<string, string> = {
  postgresql: 'postgres',
  mongo: 'mongodb',
  golang: 'go',
  k8s: 'kubernetes',
  actions: 'github-actions',
  retained: 'kept',
  retention: 'kept',
  retain: 'kept',
  keep: 'kept',
  biweekly: 'fortnight',
  repo: 'repository',
  repos: 'repository',
  js: 'javascript',
  prs: 'pull',
  pr: 'pull',
};

export const isStopword = (token: string): boolean => STOPWORDS.has(token);

/** Content words: no stopwords, no negation cues, synonyms folded, stemmed. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    if (STOPWORDS.has(t) || NEGATION_CUES.has(t)) continue;
    out.add(stem(SYNONYMS[t] ?? t));
  }
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Share of the smaller set found in the larger: robust when one statement is a terse restatement. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / small.size;
}

export function without(set: ReadonlySet<string>, drop: ReadonlySet<string>): Set<string> {
  return new Set([...set].filter((x) => !drop.has(x)));
}

export function isNegated(text: string): boolean {
  return tokenize(text).some((t) => NEGATION_CUES.has(t));
}
