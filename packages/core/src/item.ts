import { z } from 'zod';
import { ItemId } from './ids.js';
import { Actor, AssistantId, PersonId } from './person.js';
import { SpaceId } from './space.js';

export const ItemKind = z.enum(['decision', 'context', 'question', 'action', 'review', 'conflict']);
export type ItemKind = z.infer<typeof ItemKind>;

export const ItemStatus = z.enum(['proposed', 'accepted', 'superseded', 'rejected', 'disputed']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const Surface = z.enum(['cli', 'slack', 'vscode', 'api', 'hub', 'document']);
export type Surface = z.infer<typeof Surface>;

/** Where an item came from, with a link back: Slack permalink, file:line@commit, document path. */
export const Source = z.object({
  surface: Surface,
  link: z.string().max(2000).optional(),
  path: z.string().max(1000).optional(),
  line: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  commit: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/)
    .optional(),
});
export type Source = z.infer<typeof Source>;

export const Verdict = z.enum(['consistent', 'duplicate', 'supersedes', 'conflicts']);
export type Verdict = z.infer<typeof Verdict>;

/** A pointer to one version of an item in some space. */
export const ItemRef = z.object({
  space: SpaceId,
  id: ItemId,
  version: z.number().int().positive().optional(),
});
export type ItemRef = z.infer<typeof ItemRef>;

export const ReviewDetails = z.object({
  subject: ItemRef,
  related: ItemRef,
  verdict: Verdict,
  reviewer: AssistantId,
  rationale: z.string().max(4000),
  /** Hash of the subject's reviewed content: a status change alone does not trigger a new review. */
  fingerprint: z.string().max(64).optional(),
  /** `heuristic` offline, otherwise the model id that judged. */
  judge: z.string().max(200).optional(),
});
export type ReviewDetails = z.infer<typeof ReviewDetails>;

export const ConflictSide = ItemRef.extend({ owner: PersonId });
export type ConflictSide = z.infer<typeof ConflictSide>;

export const ConflictResolution = z.object({
  outcome: z.enum(['keep-first', 'keep-second', 'both-stand']),
  scope: z.string().max(2000).optional(),
  by: PersonId,
  at: z.iso.datetime(),
});
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export const ConflictDetails = z.object({
  sides: z.tuple([ConflictSide, ConflictSide]),
  resolution: ConflictResolution.optional(),
});
export type ConflictDetails = z.infer<typeof ConflictDetails>;

const Tag = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9:/._-]*$/, 'tags are lowercase words like "db" or "area:payments"');

export const Title = z.string().trim().min(1, 'a title is required').max(200);
export const Body = z.string().max(20_000);

const itemFields = {
  id: ItemId,
  kind: ItemKind,
  title: Title,
  body: Body,
  status: ItemStatus,
  /** Always a human. Assistants propose; people own. */
  owner: PersonId,
  createdBy: Actor,
  source: Source,
  tags: z.array(Tag).max(32),
  supersedes: ItemId.optional(),
  supersededBy: ItemId.optional(),
  reviewBy: z.iso.date().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped on every change; cross-checks are keyed by (item, version). */
  version: z.number().int().positive(),
  review: ReviewDetails.optional(),
  conflict: ConflictDetails.optional(),
};

export const Item = z.object(itemFields).superRefine((item, ctx) => {
  if (item.kind === 'review' && !item.review) {
    ctx.addIssue({ code: 'custom', path: ['review'], message: 'a review item needs review details' });
  }
  if (item.kind === 'conflict' && !item.conflict) {
    ctx.addIssue({ code: 'custom', path: ['conflict'], message: 'a conflict item needs conflict details' });
  }
});
export type Item = z.infer<typeof Item>;

/** What a surface supplies to create an item; the rest is filled in by SpaceMemory. */
export const NewItem = z.object({
  kind: ItemKind,
  title: Title,
  body: Body.default(''),
  owner: PersonId.optional(),
  status: z.enum(['proposed', 'accepted']).optional(),
  source: Source,
  tags: z.array(Tag).max(32).default([]),
  reviewBy: z.iso.date().optional(),
  review: ReviewDetails.optional(),
  conflict: ConflictDetails.optional(),
});
export type NewItem = z.input<typeof NewItem>;

export const ItemPatch = z
  .object({
    title: Title,
    body: Body,
    owner: PersonId,
    tags: z.array(Tag).max(32),
    reviewBy: z.iso.date(),
    source: Source,
  })
  .partial()
  .strict();
export type ItemPatch = z.infer<typeof ItemPatch>;

/** Open means someone still has to act: unresolved conflicts, unanswered questions, proposals. */
export function isOpen(item: Item): boolean {
  if (item.kind === 'conflict') return !item.conflict?.resolution;
  return item.status === 'proposed' || item.status === 'disputed';
}
