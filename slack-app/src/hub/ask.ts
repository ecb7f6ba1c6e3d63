import { type Answer, AnswerEvent, type AskRequest, EnsembleError, ErrorCode } from '@ensemble/core';
import type { HubSession } from './access.js';
import { hubError, hubFetch } from './http.js';

/** Answers take model time; still bounded so a stuck stream cannot hold a listener forever. */
const ASK_TIMEOUT_MS = 120_000;

/**
 * Asks the hub (`POST /v1/ask`) and reads its Server-Sent Events until `done`. Slack shows one
 * message per answer, so the final answer is what counts; `onEvent` sees each event on the way.
 */
export async function ask(
  session: HubSession,
  request: AskRequest,
  onEvent: (event: AnswerEvent) => void = () => undefined,
): Promise<Answer> {
  const response = await hubFetch(
    session,
    'POST',
    '/v1/ask',
    { surface: 'slack', ...request },
    ASK_TIMEOUT_MS,
  );
  if (!response.ok) throw hubError(response.status, await response.json().catch(() => undefined));
  if (!response.body) throw new EnsembleError(ErrorCode.Unavailable, 'The hub sent an empty answer stream.');
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      if (!line.startsWith('data:')) continue;
      const event = AnswerEvent.safeParse(parseJson(line.slice(5).trim()));
      if (!event.success) {
        throw new EnsembleError(
          ErrorCode.MalformedMessage,
          'The hub sent an answer event this app cannot read.',
        );
      }
      onEvent(event.data);
      if (event.data.type === 'done') return event.data.answer;
      if (event.data.type === 'error') throw new EnsembleError(codeOf(event.data.code), event.data.message);
    }
  }
  throw new EnsembleError(ErrorCode.Unavailable, 'The answer stream ended before the answer was complete.');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const known = new Set<string>(Object.values(ErrorCode));
const codeOf = (code: string): ErrorCode => (known.has(code) ? (code as ErrorCode) : ErrorCode.Internal);
