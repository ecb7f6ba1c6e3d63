import { z } from 'zod';
import { Item } from './item.js';
import { SpaceId } from './space.js';

/**
 * The wire contract of `GET /v1/digest?space=<org/team>&since=<ISO>`: what a team's weekly
 * digest lists. Served by the hub, rendered by the Slack app (and any other surface).
 */
export const DigestData = z.object({
  space: SpaceId,
  since: z.iso.datetime(),
  generatedAt: z.iso.datetime(),
  /** Decisions created (`new`) or changed (`changed`) since `since`, oldest first. */
  decisions: z.array(z.object({ change: z.enum(['new', 'changed']), item: Item })),
  /** Decisions and context past their `reviewBy` date. */
  dueForReview: z.array(Item),
  /** Items whose owner is not a known person. */
  unowned: z.array(Item),
  /** Open conflicts involving this team, wherever they were recorded. */
  openConflicts: z.array(z.object({ space: SpaceId, item: Item })),
  openQuestions: z.array(Item),
  /** The team's assistant usage since `since` (every model call, all roles). */
  usage: z.object({
    modelCalls: z.number().int().min(0),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    costUsd: z.number().min(0),
  }),
});
export type DigestData = z.infer<typeof DigestData>;

export const DigestQuery = z.object({
  space: SpaceId,
  since: z.iso.datetime({ offset: true }),
});
export type DigestQuery = z.infer<typeof DigestQuery>;

/** Body of `POST /v1/conflicts/:org/:team/:id/resolve`; the resolver is the token's person. */
export const ResolveConflictRequest = z.object({
  outcome: z.enum(['keep-first', 'keep-second', 'both-stand']),
  /** Required when both stand: where each applies. */
  scope: z.string().trim().max(2000).optional(),
});
export type ResolveConflictRequest = z.infer<typeof ResolveConflictRequest>;
