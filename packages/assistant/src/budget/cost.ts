import type { ModelPricing } from '@ensemble/core';
import type { ModelUsage } from '../providers/types.js';

const PER_MTOK = 1_000_000;

/** USD for one call. Cache reads and writes fall back to the input price when not priced. */
export function costOf(usage: ModelUsage, pricing: ModelPricing): number {
  const input = usage.inputTokens * pricing.inputPerMTok;
  const output = usage.outputTokens * pricing.outputPerMTok;
  const cacheRead = usage.cacheReadTokens * (pricing.cacheReadPerMTok ?? pricing.inputPerMTok);
  const cacheWrite = usage.cacheWriteTokens * (pricing.cacheWritePerMTok ?? pricing.inputPerMTok);
  return (input + output + cacheRead + cacheWrite) / PER_MTOK;
}

/** How many output tokens the remaining money buys after paying for the input. */
export function affordableOutputTokens(
  remainingUsd: number,
  inputTokens: number,
  pricing: ModelPricing,
): number {
  const afterInput = remainingUsd - (inputTokens * pricing.inputPerMTok) / PER_MTOK;
  if (afterInput <= 0) return 0;
  if (pricing.outputPerMTok === 0) return Number.POSITIVE_INFINITY;
  return Math.floor((afterInput * PER_MTOK) / pricing.outputPerMTok);
}
