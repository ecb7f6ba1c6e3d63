import { type AnswerEvent, AskRequest, asEnsembleError, ErrorCode, summarize } from '@ensemble/core';
import { HubClient } from '@ensemble/runtime';

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

type ErrorEvent = Extract<AnswerEvent, { type: 'error' }>;
const failure = (code: string, message: string): ErrorEvent => ({ type: 'error', code, message });

/**
 * Streams the hub's answer to one question through the shared HubClient. Never throws for hub or
 * network trouble: every failure arrives as one final `error` event that says what to do in the
 * editor, so the chat has a single path to render.
 */
export async function* askHub(options: AskOptions): AsyncGenerator<AnswerEvent> {
  const request = AskRequest.safeParse(options.request);
  if (!request.success) {
    yield failure(ErrorCode.InvalidInput, summarize(request.error));
    return;
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const client = new HubClient({
    url: options.hubUrl,
    token: options.token,
    askTimeoutMs: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let finished = false;
  try {
    for await (const event of client.ask(request.data, options.signal)) {
      finished ||= event.type === 'done' || event.type === 'error';
      yield event;
    }
  } catch (e) {
    if (options.signal?.aborted) return;
    yield editorFailure(e, options.hubUrl, timeoutMs);
    return;
  }
  if (!finished)
    yield failure(ErrorCode.Unavailable, 'The hub closed the answer before it was complete. Ask again.');
}

function editorFailure(e: unknown, hubUrl: string, timeoutMs: number): ErrorEvent {
  if (e instanceof DOMException && e.name === 'TimeoutError') {
    return failure(
      ErrorCode.Unavailable,
      `The hub did not finish answering within ${timeoutMs / 1000} s. Ask again later.`,
    );
  }
  const error = asEnsembleError(e);
  if (error.code === ErrorCode.Unauthorized) {
    return failure(error.code, 'The hub rejected the token. Run "Ensemble: Connect" with a new token.');
  }
  if (error.code === ErrorCode.Unavailable && /aborted due to timeout/i.test(error.message)) {
    return failure(
      error.code,
      `The hub did not finish answering within ${timeoutMs / 1000} s. Ask again later.`,
    );
  }
  if (error.code === ErrorCode.Unavailable && error.message.startsWith('Cannot reach')) {
    return failure(error.code, `Cannot reach the hub at ${hubUrl}. Check ensemble.hubUrl or start the hub.`);
  }
  return failure(error.code, error.message);
}
