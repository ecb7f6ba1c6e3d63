import { AnswerEvent, type AskRequest, EnsembleError, ErrorCode } from '@ensemble/core';
import { z } from 'zod';
import { parseSse } from '../providers/sse.js';

export const ASK_PATH = '/v1/ask';

/** One Server-Sent Event per answer event; the event name repeats the type for EventSource users. */
export function sseFrame(event: AnswerEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface AskHubOptions {
  url: string;
  token: string;
  body: AskRequest;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * A client of `POST /v1/ask` (contract in @ensemble/core ask.ts): yields the hub's answer
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
    if (options.signal?.aborted) throw e;
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
