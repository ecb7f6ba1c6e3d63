import { type AnswerEvent, AskRequest, ErrorCode, summarize } from '@ensemble/core';
import { z } from 'zod';
import { askUrl } from './settings.js';
import { AnswerEventReader } from './sse.js';

export interface AskOptions {
  hubUrl: string;
  token: string;
  request: AskRequest;
  /** Cancels the request (e.g. the view closed); the stream then ends without an error event. */
  signal?: AbortSignal;
  /** The whole answer must arrive within this long; default 120 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

type ErrorEvent = Extract<AnswerEvent, { type: 'error' }>;
const failure = (code: string, message: string): ErrorEvent => ({ type: 'error', code, message });

/**
 * Streams the hub's answer to one question. Never throws for hub or network trouble: every failure
 * arrives as one final `error` event that says what to do, so the chat has a single path to render.
 */
export async function* askHub(options: AskOptions): AsyncGenerator<AnswerEvent> {
  const request = AskRequest.safeParse(options.request);
  if (!request.success) {
    yield failure(ErrorCode.InvalidInput, summarize(request.error));
    return;
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const tooSlow = () =>
    failure(
      ErrorCode.Unavailable,
      `The hub did not finish answering within ${timeoutMs / 1000} s. Ask again later.`,
    );
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(askUrl(options.hubUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify(request.data),
      signal,
    });
  } catch (e) {
    if (options.signal?.aborted) return;
    if (timeout.aborted) {
      yield tooSlow();
      return;
    }
    yield failure(
      ErrorCode.Unavailable,
      `Cannot reach the hub at ${options.hubUrl} (${(e as Error).message}). Check ensemble.hubUrl or start the hub.`,
    );
    return;
  }
  if (!response.ok || !response.body) {
    yield await failureOf(response);
    return;
  }
  const reader = new AnswerEventReader();
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      for (const event of reader.push(decoder.decode(chunk, { stream: true }))) {
        finished ||= event.type === 'done' || event.type === 'error';
        yield event;
      }
    }
    for (const event of reader.end()) {
      finished ||= event.type === 'done' || event.type === 'error';
      yield event;
    }
  } catch (e) {
    if (options.signal?.aborted) return;
    if (timeout.aborted) {
      yield tooSlow();
      return;
    }
    yield failure(ErrorCode.Unavailable, `The answer stream broke off (${(e as Error).message}). Ask again.`);
    return;
  }
  if (!finished)
    yield failure(ErrorCode.Unavailable, 'The hub closed the answer before it was complete. Ask again.');
}

async function failureOf(response: Response): Promise<ErrorEvent> {
  if (response.status === 401) {
    return failure(
      ErrorCode.Unauthorized,
      'The hub rejected the token. Run "Ensemble: Connect" with a new token.',
    );
  }
  if (response.status === 404) {
    return failure(
      ErrorCode.Unavailable,
      'This hub does not answer questions yet (no /v1/ask). Update the hub.',
    );
  }
  const body = ErrorBody.safeParse(await response.json().catch(() => undefined));
  if (body.success) return failure(body.data.error.code, body.data.error.message);
  return failure(
    ErrorCode.Unavailable,
    `The hub answered HTTP ${response.status}. Try again or check the hub's logs.`,
  );
}
