import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQs } from 'node:querystring';
import { type WebSocket, WebSocketServer } from 'ws';

/** One Web API call the app made, with form fields decoded (blocks/view as JSON). */
export interface FakeCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export interface FakeMessage {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
}

export interface FakeSlack {
  apiUrl: string;
  calls: FakeCall[];
  callsTo(method: string): FakeCall[];
  /** The ts the fake gave a chat.postMessage call. */
  tsOf(call: FakeCall): string | undefined;
  /** Puts a message in a channel so history/replies find it. */
  addMessage(channel: string, message: FakeMessage): void;
  sendEnvelope(envelope: { envelope_id: string } & Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The Slack Web API (a service outside our control) as a small HTTP server on 127.0.0.1:
 * it records every call, keeps channel messages so threads and history work, and serves a
 * Socket Mode websocket on /link.
 */
export async function startFakeSlack(options: { botToken: string; botUserId: string }): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const channels = new Map<string, FakeMessage[]>();
  // Message timestamps only grow, also past the ones tests put in channels.
  let clock = 1_700_000_000;
  const nextTs = () => `${++clock}.000100`;
  const seen = (ts: string) => {
    clock = Math.max(clock, Math.floor(Number(ts)));
  };
  const messagesOf = (channel: string) => {
    let list = channels.get(channel);
    if (!list) {
      list = [];
      channels.set(channel, list);
    }
    return list;
  };
  let port = 0;
  const postedTs = new WeakMap<FakeCall, string>();

  const handlers: Record<string, (call: FakeCall) => Record<string, unknown>> = {
    'auth.test': ({ token }) =>
      token === options.botToken
        ? { ok: true, team_id: 'T1', user_id: options.botUserId, bot_id: 'B_BOT', user: 'ensemble' }
        : { ok: false, error: 'invalid_auth' },
    'chat.postMessage': (call) => {
      const { args } = call;
      const ts = nextTs();
      const channel = String(args.channel);
      const message: FakeMessage = { ts, text: String(args.text ?? ''), bot_id: 'B_BOT' };
      postedTs.set(call, ts);
      if (args.thread_ts) message.thread_ts = String(args.thread_ts);
      messagesOf(channel).push(message);
      return { ok: true, channel, ts, message };
    },
    'chat.update': ({ args }) => {
      const message = messagesOf(String(args.channel)).find((m) => m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      message.text = String(args.text ?? '');
      return { ok: true, channel: args.channel, ts: args.ts };
    },
    'chat.postEphemeral': () => ({ ok: true, message_ts: nextTs() }),
    'chat.getPermalink': ({ args }) => ({
      ok: true,
      channel: args.channel,
      permalink: `https://fake.slack/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}`,
    }),
    'conversations.history': ({ args }) => {
      const list = messagesOf(String(args.channel)).filter(
        (m) => !args.latest || m.ts <= String(args.latest),
      );
      return { ok: true, has_more: false, messages: list.slice(-1) };
    },
    'conversations.replies': ({ args }) => {
      const ts = String(args.ts);
      const list = messagesOf(String(args.channel)).filter((m) => m.ts === ts || m.thread_ts === ts);
      return { ok: true, has_more: false, messages: list };
    },
    'views.open': () => ({ ok: true, view: { id: 'V_MODAL' } }),
    'views.publish': () => ({ ok: true, view: { id: 'V_HOME', type: 'home' } }),
    'apps.connections.open': ({ token }) =>
      token?.startsWith('xapp-')
        ? { ok: true, url: `ws://127.0.0.1:${port}/link?ticket=t1` }
        : { ok: false, error: 'not_allowed_token_type' },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!url.pathname.startsWith('/api/')) {
        res.writeHead(404).end();
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      const json = (req.headers['content-type'] ?? '').includes('application/json');
      const args: Record<string, unknown> = json ? JSON.parse(raw || '{}') : { ...parseQs(raw) };
      // The WebClient JSON-encodes structured arguments inside the form body.
      for (const key of ['blocks', 'view']) {
        if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
      }
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (args.token as string | undefined);
      const call: FakeCall = { method, token, args, headers: req.headers };
      calls.push(call);
      const handler = handlers[method];
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(handler ? handler(call) : { ok: false, error: 'unknown_method' }));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  const sockets: WebSocket[] = [];
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/link')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    tsOf: (call) => postedTs.get(call),
    addMessage: (channel, message) => {
      seen(message.ts);
      messagesOf(channel).push(message);
    },
    sendEnvelope: (envelope) =>
      new Promise((resolve, reject) => {
        const ws = sockets.at(-1);
        if (!ws) {
          reject(new Error('no Socket Mode client is connected'));
          return;
        }
        const onMessage = (data: Buffer) => {
          const reply = JSON.parse(data.toString()) as { envelope_id?: string };
          if (reply.envelope_id === envelope.envelope_id) {
            ws.off('message', onMessage);
            resolve(reply);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify(envelope));
      }),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
