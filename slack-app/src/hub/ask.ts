import type { Answer, AnswerEvent, AskRequest } from '@ensemble/core';
import type { HubSession } from './access.js';

/**
 * Asks the hub and waits for the final answer: Slack shows one message per answer, edited
 * while it streams; `onEvent` sees each event on the way.
 */
export function ask(
  session: HubSession,
  request: AskRequest,
  onEvent: (event: AnswerEvent) => void = () => undefined,
): Promise<Answer> {
  return session.client.answer({ surface: 'slack', ...request }, onEvent);
}
