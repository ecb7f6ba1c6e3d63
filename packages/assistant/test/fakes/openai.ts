import { listen } from './http.js';

/**
 * A fake OpenAI-compatible server (what Ollama and vLLM expose): POST /v1/chat/completions
 * with `stream: true`, answered as SSE chunks, a usage chunk, then `data: [DONE]`.
 */
export async function startFakeOpenAi(reply: { text: string; status?: number }) {
  const http = await listen((req, res, recorded) => {
    if (req.method !== 'POST' || recorded.path !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    if (reply.status && reply.status !== 200) {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end('{"error":{"message":"fake"}}');
      return;
    }
    const body = recorded.body as { max_tokens?: number };
    const words = reply.text.match(/\S+\s*/g) ?? [];
    const sent = words.slice(0, body.max_tokens ?? words.length);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\r\n\r\n`);
    for (const word of sent)
      chunk({ choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
    chunk({
      choices: [{ index: 0, delta: {}, finish_reason: sent.length < words.length ? 'length' : 'stop' }],
    });
    chunk({ choices: [], usage: { prompt_tokens: 42, completion_tokens: sent.length } });
    res.end('data: [DONE]\n\n');
  });
  return { url: http.url, requests: http.requests, close: http.close };
}
