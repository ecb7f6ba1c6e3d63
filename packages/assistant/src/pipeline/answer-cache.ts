import type { SpaceId, SpaceMemory } from '@ensemble/core';
import { normaliseQuestion } from '../text.js';
import type { AnswerResult } from './types.js';

export interface CacheKeyParts {
  team: string;
  question: string;
  model: string;
  spaces: readonly SpaceId[];
}

interface Entry {
  result: AnswerResult;
  cited: { space: SpaceId; id: string; version: number }[];
}

export function cacheKey(parts: CacheKeyParts): string {
  return JSON.stringify([
    parts.team,
    normaliseQuestion(parts.question),
    parts.model,
    [...parts.spaces].sort(),
  ]);
}

/**
 * Answers keyed by (team, normalised question, model, readable spaces). An entry is only
 * good while every item it cites is unchanged: checked on read against live memory, and
 * dropped eagerly by `invalidate` when SpaceMemory.observe reports a change.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, memoryOf: (space: SpaceId) => SpaceMemory | undefined): AnswerResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const fresh = entry.cited.every((c) => {
      try {
        return memoryOf(c.space)?.get(c.id)?.version === c.version;
      } catch {
        return false;
      }
    });
    if (!fresh) {
      this.entries.delete(key);
      return undefined;
    }
    // Refresh recency so the least recently used entry is the one evicted.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.result;
  }

  set(key: string, result: AnswerResult): void {
    const cited = result.sources.map((s) => ({ space: s.space, id: s.id, version: s.version ?? 0 }));
    this.entries.set(key, { result, cited });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  invalidate(space: SpaceId, id: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.cited.some((c) => c.space === space && c.id === id)) this.entries.delete(key);
    }
  }

  /** Drops entries as soon as a cited item changes; returns the unsubscribe function. */
  watch(memory: SpaceMemory): () => void {
    return memory.observe((changes) => {
      for (const change of changes) this.invalidate(memory.space, change.id);
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
