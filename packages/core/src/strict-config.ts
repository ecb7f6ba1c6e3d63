import { z } from 'zod';

/**
 * Config objects are strict: a typo such as `hbu:` or `defaultOwnr:` would otherwise be dropped
 * silently and the hub would start on defaults. The unknown key is reported with the closest
 * known field, so the message says what to write instead.
 */
export function strictConfig<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownFields(issue.keys, known) : undefined),
  });
}

/** The message for unknown keys: one key gets the path-less form that `describeConfigError` prefixes. */
export function unknownFields(keys: readonly string[], known: readonly string[]): string {
  if (keys.length === 1) return `unknown field; ${hint(keys[0] ?? '', known)}`;
  return `unknown fields ${keys.map((k) => `${k} (${hint(k, known)})`).join(', ')}`;
}

function hint(key: string, known: readonly string[]): string {
  const close = closest(key, known);
  if (close) return `did you mean ${close}?`;
  return known.length > 0 ? `remove it or use one of ${known.join(', ')}` : 'remove it';
}

/** The known key nearest to `key` by edit distance (a swap counts once), if it is near enough. */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * One line per problem, each starting with the dotted path of the field to fix
 * (`hub.prot: unknown field; did you mean port?`, `teams.1.id: ...`).
 */
export function describeConfigError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path =
        issue.code === 'unrecognized_keys' && issue.keys.length === 1
          ? [...issue.path, issue.keys[0] as string]
          : issue.path;
      return `${path.map(String).join('.') || '(top level)'}: ${issue.message}`;
    })
    .join('\n');
}
