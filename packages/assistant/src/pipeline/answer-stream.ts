import { type AnswerEvent, asEnsembleError } from '@ensemble/core';
import { type AnswerDeps, type AnswerRequest, answer } from './answer.js';

/**
 * The answer pipeline as an async iterator of events, for SSE and CLI streaming. Failures
 * arrive as a final `error` event carrying the error code, never as a thrown exception.
 */
export async function* answerStream(req: AnswerRequest, deps: AnswerDeps): AsyncGenerator<AnswerEvent> {
  const queue: AnswerEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const push = (event: AnswerEvent) => {
    queue.push(event);
    wake?.();
  };
  const run = answer(req, deps, push)
    .catch((e: unknown) => {
      const error = asEnsembleError(e);
      push({ type: 'error', code: error.code, message: error.message });
    })
    .finally(() => {
      finished = true;
      wake?.();
    });
  while (true) {
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
  await run;
}
