import { AssistantRole } from '@ensemble/core';
import { z } from 'zod';

export const UsageEntry = z.object({
  at: z.iso.datetime(),
  team: z.string(),
  model: z.string(),
  role: AssistantRole,
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheReadTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  outcome: z.enum(['ok', 'partial', 'error']),
});
export type UsageEntry = z.infer<typeof UsageEntry>;

export interface UsageFilter {
  team?: string;
  /** Entries at or after this instant. */
  since?: Date;
}

/** Where usage is recorded, per team and model: the basis of monthly caps and reports. */
export interface UsageLedger {
  record(entry: UsageEntry): Promise<void>;
  entries(filter?: UsageFilter): Promise<UsageEntry[]>;
}

export function matchesFilter(entry: UsageEntry, filter: UsageFilter): boolean {
  if (filter.team && entry.team !== filter.team) return false;
  if (filter.since && Date.parse(entry.at) < filter.since.getTime()) return false;
  return true;
}

/** In-memory twin of the file ledger, for tests and one-shot CLI runs. */
export class MemoryUsageLedger implements UsageLedger {
  private readonly all: UsageEntry[] = [];

  async record(entry: UsageEntry): Promise<void> {
    this.all.push(UsageEntry.parse(entry));
  }

  async entries(filter: UsageFilter = {}): Promise<UsageEntry[]> {
    return this.all.filter((e) => matchesFilter(e, filter));
  }
}
