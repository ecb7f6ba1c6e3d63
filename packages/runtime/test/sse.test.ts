import { describe, expect, it } from 'vitest';
import { parseSse } from '../src/index.js';

describe('SSE parsing', () => {
  it('joins data lines, names events and survives chunks split mid-line', async () => {
    const text = 'event: a\ndata: 1\ndata: 2\n\r\ndata: {"x":1}\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const events = [];
    for await (const e of parseSse(stream)) events.push(e);
    expect(events).toEqual([
      { event: 'a', data: '1\n2' },
      { event: 'message', data: '{"x":1}' },
    ]);
  });
});
