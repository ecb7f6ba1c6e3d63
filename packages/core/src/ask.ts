import { z } from 'zod';
import { ItemId } from './ids.js';
import { ItemKind, ItemStatus, Surface, Verdict } from './item.js';
import { AssistantId, PersonId } from './person.js';
import { SpaceId } from './space.js';

/**
 * The wire contract of `/v1/ask`, shared by the hub, the CLI, the Slack app and the VS Code
 * extension. The hub answers with Server-Sent Events, one `AnswerEvent` per `data:` line.
 */
export const AskTurn = z.object({ role: z.enum(['user', 'assistant']), text: z.string().max(8000) });
export type AskTurn = z.infer<typeof AskTurn>;

export const AskRequest = z.object({
  question: z.string().trim().min(1, 'ask a question').max(4000),
  /** The asking team's space; the answer draws on every space the token may read. */
  space: SpaceId,
  /** Earlier turns of the same thread, oldest first, so follow-ups keep their context. */
  thread: z.array(AskTurn).max(20).default([]),
  /** Paths or tags the question is about (e.g. the file open in the editor), for ownership rules. */
  about: z
    .object({ path: z.string().max(1000).optional(), tags: z.array(z.string().max(64)).max(16).optional() })
    .optional(),
  /** Where the question was asked; recorded on the open question when nothing covers it. */
  surface: Surface.optional(),
});
export type AskRequest = z.input<typeof AskRequest>;

export const AnswerSource = z.object({
  /** The number used in the answer text: [1], [2] … */
  n: z.number().int().positive(),
  space: SpaceId,
  id: ItemId,
  kind: ItemKind,
  title: z.string(),
  owner: PersonId,
  status: ItemStatus,
  link: z.string().optional(),
  path: z.string().optional(),
  line: z.number().int().optional(),
  endLine: z.number().int().optional(),
  version: z.number().int().positive().optional(),
  /** Retrieval score, for display order only. */
  score: z.number().optional(),
});
export type AnswerSource = z.infer<typeof AnswerSource>;

/** Which team's assistant checked the answer and what it found. */
export const AnswerCheck = z.object({
  reviewer: AssistantId,
  verdict: Verdict,
  rationale: z.string(),
  related: z.object({ space: SpaceId, id: ItemId, title: z.string(), owner: PersonId }).optional(),
});
export type AnswerCheck = z.infer<typeof AnswerCheck>;

export const Answer = z.object({
  text: z.string(),
  sources: z.array(AnswerSource),
  checks: z.array(AnswerCheck),
  /** The humans responsible for what the answer says: owners of its sources and of any conflict. */
  owners: z.array(PersonId),
  /** False when nothing recorded covers the question. */
  covered: z.boolean(),
  /** The open question recorded when nothing covered it, and who should know. */
  question: z.object({ space: SpaceId, id: ItemId, owner: PersonId }).optional(),
  model: z.string(),
  cached: z.boolean(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() }),
  /** True when a budget stopped the answer early; `exceeded` names which. */
  partial: z.boolean().optional(),
  exceeded: z.string().optional(),
  latencyMs: z.number().optional(),
});
export type Answer = z.infer<typeof Answer>;

export const AnswerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('sources'), sources: z.array(AnswerSource) }),
  z.object({ type: z.literal('checks'), checks: z.array(AnswerCheck) }),
  z.object({ type: z.literal('done'), answer: Answer }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type AnswerEvent = z.infer<typeof AnswerEvent>;
