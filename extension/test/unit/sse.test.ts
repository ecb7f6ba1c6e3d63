import { describe, expect, it } from 'vitest';
import { AnswerEventReader, parseAnswerEvent } from '../../src/sse.js';

const frame = (event: unknown) => `event: x\ndata: ${JSON.stringify(event)}\n\n`;

describe('answer event stream reader', () => {
  it('yields events split across arbitrary chunk boundaries', () => {
    const stream =
      frame({ type: 'delta', text: 'We use ' }) + frame({ type: 'delta', text: 'PostgreSQL [1].' });
    for (const size of [1, 3, 7, 64, stream.length]) {
      const reader = new AnswerEventReader();
      const events = [];
      for (let i = 0; i < stream.length; i += size) events.push(...reader.push(stream.slice(i, i + size)));
      events.push(...reader.end());
      expect(events).toEqual([
        { type: 'delta', text: 'We use ' },
        { type: 'delta', text: 'PostgreSQL [1].' },
      ]);
    }
  });

  it('joins multi-line data, accepts CRLF, skips comments and keeps a last event without blank line', () => {
    const reader = new AnswerEventReader();
    const events = reader.push(
      ': keep-alive\r\ndata: {"type":"delta",\r\ndata: "text":"a"}\r\n\r\ndata: {"type":"delta","text":"b"}',
    );
    expect(events).toEqual([{ type: 'delta', text: 'a' }]);
    expect(reader.end()).toEqual([{ type: 'delta', text: 'b' }]);
  });

  it('turns malformed or unknown events into error events that say what to do', () => {
    expect(parseAnswerEvent('{oops')).toMatchObject({ type: 'error', code: 'malformed_message' });
    const unknown = parseAnswerEvent(JSON.stringify({ type: 'weather', text: 'sunny' }));
    expect(unknown).toMatchObject({
      type: 'error',
      code: 'malformed_message',
      message: expect.stringContaining('Update'),
    });
  });
});
