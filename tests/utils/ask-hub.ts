import type { AnswerEvent, AskRequest } from '@ensemble/core';
import { HubClient } from '@ensemble/runtime';

/** The answer events of one `POST /v1/ask`, through the same client every surface uses. */
export function askHub(options: {
  url: string;
  token: string;
  body: AskRequest;
  signal?: AbortSignal;
}): AsyncGenerator<AnswerEvent> {
  return new HubClient({ url: options.url, token: options.token }).ask(options.body, options.signal);
}
