import { ItemRef, PersonId, SpaceId } from '@ensemble/core';
import { z } from 'zod';

/** Schemas double as the wire format of `/v1/ask` events, so clients parse what the hub sends. */

export const AnswerSource = z.object({
  /** The number the answer text cites as [n]. */
  n: z.number().int().positive(),
  space: SpaceId,
  id: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  /** The human responsible for this item. */
  owner: PersonId,
  score: z.number(),
});
export type AnswerSource = z.infer<typeof AnswerSource>;

/** A cross-check of a drafted answer by another team's assistant (issue 5 fills this in). */
export const AnswerReview = z.object({
  reviewer: z.string(),
  verdict: z.enum(['consistent', 'conflicts', 'unsure']),
  note: z.string(),
  related: z.array(ItemRef).optional(),
});
export type AnswerReview = z.infer<typeof AnswerReview>;

export const ModelUsageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheReadTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
});

export const AnswerResult = z.object({
  question: z.string(),
  text: z.string(),
  sources: z.array(AnswerSource),
  /** Owners of the cited items, or who should know when nothing covered the question. */
  owners: z.array(PersonId),
  covered: z.boolean(),
  /** The open `question` item recorded when nothing covered the question. */
  openQuestion: ItemRef.optional(),
  /** Citation numbers the model made up; removed from `text`. */
  droppedCitations: z.array(z.number().int()),
  reviews: z.array(AnswerReview),
  model: z.string(),
  usage: ModelUsageSchema,
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  partial: z.boolean(),
  exceeded: z.enum(['steps', 'inputTokens', 'outputTokens', 'cost', 'wallTime']).optional(),
  cached: z.boolean(),
});
export type AnswerResult = z.infer<typeof AnswerResult>;

export const AnswerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('sources'), sources: z.array(AnswerSource), owners: z.array(PersonId) }),
  z.object({ type: z.literal('done'), result: AnswerResult }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type AnswerEvent = z.infer<typeof AnswerEvent>;
