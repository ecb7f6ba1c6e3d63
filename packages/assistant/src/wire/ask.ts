import { EnsembleError, ErrorCode, Surface } from '@ensemble/core';
import { z } from 'zod';
import { AnswerEvent } from '../pipeline/types.js';
import { parseSse } from '../providers/sse.js';

export const ASK_PATH = '/v1/ask';

/** The body of `POST /v1/ask`. Without `team`, the hub uses the asker's only writable team space. */
export const AskBody = z.object({
  question: z.string().trim().min(1, 'ask a question').max(4_000),
  team: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
  surface: Surface.optional(),
});
export type AskBody = z.input<typeof AskBody>;

/** One Server-Sent Event per answer event; the event name repeats the type for EventSource users. */
export function sseFrame(event: AnswerEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface AskHubOptions {
  url: string;
  token: string;
  body: AskBody;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Client of `POST /v1/ask` for the CLI, Slack app and VS Code: yields the hub's answer
 * events as they stream. Hub refusals (auth, access, bad input) throw with the hub's code.
 */
export async function* askHub(options: AskHubOptions): AsyncGenerator<AnswerEvent> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${options.url.replace(/\/+$/, '')}${ASK_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify(options.body),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    throw new EnsembleError(
      ErrorCode.Unavailable,
      `Cannot reach the hub at ${options.url} (${(e as Error).message}). Is it running?`,
    );
  }
  if (!response.ok || !response.body) throw await hubError(response);
  for await (const frame of parseSse(response.body)) {
    const parsed = AnswerEvent.safeParse(safeJson(frame.data));
    if (!parsed.success) {
      throw new EnsembleError(
        ErrorCode.MalformedMessage,
        'The hub sent an answer event this client cannot read.',
      );
    }
    yield parsed.data;
  }
}

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const codes = new Set<string>(Object.values(ErrorCode));

async function hubError(response: Response): Promise<EnsembleError> {
  const body = ErrorBody.safeParse(safeJson(await response.text()));
  if (body.success && codes.has(body.data.error.code)) {
    return new EnsembleError(body.data.error.code as ErrorCode, body.data.error.message);
  }
  return new EnsembleError(ErrorCode.Unavailable, `The hub answered HTTP ${response.status} to ${ASK_PATH}.`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
