import { AnswerEvent, summarize } from '@ensemble/core';

/**
 * Incremental Server-Sent Events reader for `/v1/ask`: feed it chunks as they arrive and it
 * returns the complete AnswerEvents so far. Each event's `data:` lines are joined with newlines,
 * as the SSE spec says; comments (`:`) and other fields are ignored.
 */
export class AnswerEventReader {
  private buffer = '';
  private data: string[] = [];

  push(chunk: string): AnswerEvent[] {
    this.buffer += chunk;
    const events: AnswerEvent[] = [];
    let newline = this.buffer.search(/\r?\n|\r/);
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      const event = this.line(line);
      if (event) events.push(event);
      newline = this.buffer.search(/\r?\n|\r/);
    }
    return events;
  }

  /** Call at end of stream: a last event without its blank line still counts. */
  end(): AnswerEvent[] {
    const events = this.buffer ? this.push('\n') : [];
    const last = this.dispatch();
    return last ? [...events, last] : events;
  }

  private line(line: string): AnswerEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return undefined;
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    this.data.push(value);
    return undefined;
  }

  private dispatch(): AnswerEvent | undefined {
    if (this.data.length === 0) return undefined;
    const text = this.data.join('\n');
    this.data = [];
    return parseAnswerEvent(text);
  }
}

/** A malformed event becomes an `error` event: the chat shows it instead of silently stalling. */
export function parseAnswerEvent(text: string): AnswerEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'error', code: 'malformed_message', message: 'The hub sent an event that is not JSON.' };
  }
  const result = AnswerEvent.safeParse(json);
  if (result.success) return result.data;
  return {
    type: 'error',
    code: 'malformed_message',
    message: `The hub sent an event this extension does not understand (${summarize(result.error)}). Update the extension.`,
  };
}
