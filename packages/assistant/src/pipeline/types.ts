import {
  type Answer,
  type AnswerCheck,
  type AnswerSource,
  ItemRef,
  type PersonId,
  type SpaceId,
} from '@ensemble/core';
import { z } from 'zod';
import type { BudgetLimit } from '../budget/budget.js';
import type { ModelUsage } from '../providers/types.js';

export type { AnswerSource } from '@ensemble/core';

/**
 * What an answer reviewer (the cross-check of issue 5) says about a draft. The pipeline turns
 * it into the wire `AnswerCheck`, adding the title and owner of the related item.
 */
export const AnswerReview = z.object({
  /** `assistant:<org>/<team>` of the reviewing team. */
  reviewer: z.string(),
  verdict: z.enum(['consistent', 'conflicts', 'unsure']),
  note: z.string(),
  related: z.array(ItemRef).optional(),
});
export type AnswerReview = z.infer<typeof AnswerReview>;

/**
 * What `answer()` returns: the wire `Answer` of `/v1/ask` (see @ensemble/core ask.ts) plus
 * what the pipeline's own callers need (the guarded question, dropped citations, full usage).
 */
export interface AnswerResult {
  /** The question as the model saw it: after redaction. */
  question: string;
  text: string;
  sources: AnswerSource[];
  checks: AnswerCheck[];
  /** Owners of the cited items, or who should know when nothing covered the question. */
  owners: PersonId[];
  covered: boolean;
  /** The open `question` item recorded when nothing covered the question. */
  openQuestion?: { space: SpaceId; id: string; owner: PersonId };
  /** Citation numbers the model made up; removed from `text`. */
  droppedCitations: number[];
  model: string;
  usage: ModelUsage;
  costUsd: number;
  latencyMs: number;
  partial: boolean;
  exceeded?: BudgetLimit;
  cached: boolean;
}

export function toWireAnswer(result: AnswerResult): Answer {
  return {
    text: result.text,
    sources: result.sources,
    checks: result.checks,
    owners: result.owners,
    covered: result.covered,
    ...(result.openQuestion ? { question: result.openQuestion } : {}),
    model: result.model,
    cached: result.cached,
    usage: {
      inputTokens: result.usage.inputTokens + result.usage.cacheReadTokens + result.usage.cacheWriteTokens,
      outputTokens: result.usage.outputTokens,
      costUsd: result.costUsd,
    },
    partial: result.partial,
    ...(result.exceeded ? { exceeded: result.exceeded } : {}),
    latencyMs: result.latencyMs,
  };
}
