import type { ServerResponse } from 'node:http';
import { listen, pause, type RecordedRequest } from './http.js';

/** One scripted reply of the fake Messages API. */
export type FakeReply =
  | { kind: 'text'; text: string; delayMs?: number }
  | { kind: 'error'; status: number; type: string; headers?: Record<string, string> };

interface MessagesBody {
  model?: string;
  max_tokens?: number;
  stream?: boolean;
  system?: { type: string; text: string; cache_control?: unknown }[];
  messages?: unknown[];
}

/**
 * A fake of the Anthropic Messages API (POST /v1/messages, streaming SSE), enough for the
 * real SDK: message_start → content_block_* → message_delta (usage, stop_reason) →
 * message_stop. One word is one output token; max_tokens is honoured; a system block with
 * cache_control is "written" to the cache on first sight and "read" afterwards.
 */
export async function startFakeAnthropic() {
  const script: FakeReply[] = [];
  const cachedPrefixes = new Set<string>();
  let disconnects = 0;
  const http = await listen(async (req, res, recorded) => {
    if (req.method !== 'POST' || !recorded.path.startsWith('/v1/messages')) {
      res.writeHead(404).end();
      return;
    }
    const reply = script.shift() ?? { kind: 'text', text: 'OK.' };
    if (reply.kind === 'error') {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify({ type: 'error', error: { type: reply.type, message: `fake ${reply.type}` } }));
      return;
    }
    res.on('close', () => {
      if (!res.writableFinished) disconnects++;
    });
    await streamText(res, recorded, reply, cachedPrefixes);
  });
  return {
    url: http.url,
    requests: http.requests,
    get disconnects() {
      return disconnects;
    },
    /** Replies used in order; when empty the fake answers "OK.". */
    enqueue: (...replies: FakeReply[]) => script.push(...replies),
    messageBodies: (): MessagesBody[] => http.requests.map((r: RecordedRequest) => r.body as MessagesBody),
    close: http.close,
  };
}
export type FakeAnthropic = Awaited<ReturnType<typeof startFakeAnthropic>>;

async function streamText(
  res: ServerResponse,
  recorded: RecordedRequest,
  reply: { text: string; delayMs?: number },
  cachedPrefixes: Set<string>,
): Promise<void> {
  const body = recorded.body as MessagesBody;
  const words = reply.text.match(/\S+\s*/g) ?? [];
  const limit = body.max_tokens ?? words.length;
  const sent = words.slice(0, limit);
  const stopReason = words.length > limit ? 'max_tokens' : 'end_turn';
  const cachedBlock = body.system?.find((b) => b.cache_control);
  const prefixTokens = cachedBlock ? Math.ceil(cachedBlock.text.length / 4) : 0;
  const cacheHit = cachedBlock ? cachedPrefixes.has(cachedBlock.text) : false;
  if (cachedBlock) cachedPrefixes.add(cachedBlock.text);
  const inputTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: unknown) => {
    if (!res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  send('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: body.model ?? 'fake',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: inputTokens,
        output_tokens: 1,
        cache_creation_input_tokens: cacheHit ? 0 : prefixTokens,
        cache_read_input_tokens: cacheHit ? prefixTokens : 0,
      },
    },
  });
  send('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  for (const word of sent) {
    if (reply.delayMs) await pause(reply.delayMs);
    if (res.destroyed) return;
    send('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: word },
    });
  }
  send('content_block_stop', { type: 'content_block_stop', index: 0 });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: sent.length },
  });
  send('message_stop', { type: 'message_stop' });
  res.end();
}
