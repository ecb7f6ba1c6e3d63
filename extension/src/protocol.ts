import { Answer, AnswerCheck, AnswerSource, summarize } from '@ensemble/core';
import { z } from 'zod';

/**
 * Every message between the extension host and the chat webview, one union per direction.
 * Both sides parse what they receive, so a stale webview or a bad post cannot confuse the other.
 */

export const SyncState = z.enum([
  'offline',
  'connecting',
  'connected',
  'synced',
  'unauthorized',
  'unconfigured',
]);
export type SyncState = z.infer<typeof SyncState>;

/** What a citation points at; the host decides how to open it. */
export const CitationTarget = z.object({
  path: z.string().max(1000).optional(),
  line: z.number().int().positive().optional(),
  link: z.string().max(2000).optional(),
});
export type CitationTarget = z.infer<typeof CitationTarget>;

const turnId = z.string().min(1).max(64);

export const HostToWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), team: z.string(), state: SyncState }),
  z.object({ type: z.literal('state'), state: SyncState }),
  /** A question asked from outside the view (e.g. "Ask about selection"), shown as the user's turn. */
  z.object({ type: z.literal('question'), turn: turnId, text: z.string() }),
  z.object({ type: z.literal('delta'), turn: turnId, text: z.string() }),
  z.object({ type: z.literal('sources'), turn: turnId, sources: z.array(AnswerSource) }),
  z.object({ type: z.literal('checks'), turn: turnId, checks: z.array(AnswerCheck) }),
  z.object({ type: z.literal('done'), turn: turnId, answer: Answer }),
  z.object({ type: z.literal('error'), turn: turnId.optional(), code: z.string(), message: z.string() }),
]);
export type HostToWebview = z.infer<typeof HostToWebview>;

export const WebviewToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('ask'), turn: turnId, question: z.string().trim().min(1).max(4000) }),
  z.object({ type: z.literal('openCitation'), target: CitationTarget }),
  z.object({ type: z.literal('connect') }),
]);
export type WebviewToHost = z.infer<typeof WebviewToHost>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  return { ok: false, error: summarize(result.error) };
}

export const parseHostToWebview = (raw: unknown): ParseResult<HostToWebview> => parseWith(HostToWebview, raw);
export const parseWebviewToHost = (raw: unknown): ParseResult<WebviewToHost> => parseWith(WebviewToHost, raw);
