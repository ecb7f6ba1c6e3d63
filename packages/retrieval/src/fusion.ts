import type { ItemStatus } from '@ensemble/core';

/**
 * Status weights applied after fusion: what the team currently stands by comes first, what it
 * replaced or turned down sinks but stays findable ("why did we stop doing X?").
 */
export const STATUS_WEIGHT: Record<ItemStatus, number> = {
  accepted: 1,
  proposed: 0.9,
  disputed: 0.8,
  // Half weight: below an accepted item of similar relevance (its replacement), yet above
  // items that only one arm found weakly, so "what did we use before?" still finds it.
  superseded: 0.5,
  rejected: 0.45,
};

export interface Ranked<T> {
  key: string;
  row: T;
}

export interface Fused<T> {
  key: string;
  row: T;
  score: number;
  matchedBy: ('text' | 'vector')[];
}

/** Reciprocal rank fusion: each list adds 1 / (k + rank), so agreement between arms wins. */
export function reciprocalRankFusion<T>(
  lists: { name: 'text' | 'vector'; ranked: Ranked<T>[] }[],
  k: number,
): Fused<T>[] {
  const byKey = new Map<string, Fused<T>>();
  for (const { name, ranked } of lists) {
    ranked.forEach((entry, rank) => {
      const existing = byKey.get(entry.key);
      const add = 1 / (k + rank + 1);
      if (existing) {
        existing.score += add;
        existing.matchedBy.push(name);
      } else {
        byKey.set(entry.key, { key: entry.key, row: entry.row, score: add, matchedBy: [name] });
      }
    });
  }
  return [...byKey.values()];
}

/** Weights by status and sorts best first; ties break on key so results are stable. */
export function weighByStatus<T extends { status: string }>(fused: Fused<T>[]): Fused<T>[] {
  for (const entry of fused) entry.score *= STATUS_WEIGHT[entry.row.status as ItemStatus] ?? 0.5;
  return fused.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
