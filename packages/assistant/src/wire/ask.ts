import type { AnswerEvent } from '@ensemble/core';

/** Where the hub serves answers; its client is `HubClient.ask` in @ensemble/runtime. */
export const ASK_PATH = '/v1/ask';

/** One Server-Sent Event per answer event; the event name repeats the type for EventSource users. */
export function sseFrame(event: AnswerEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
