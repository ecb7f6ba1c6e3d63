import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashingEmbedder } from '../src/index.js';

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string[]; input_type?: string; output_dimension?: number };
}

export interface FakeReply {
  status: number;
  body?: unknown;
  /** Hold the response this long (to exercise client timeouts); the fake's own timer, not the test's. */
  delayMs?: number;
}

/**
 * A stand-in for Voyage or an OpenAI-compatible embeddings API (services outside our control),
 * served on 127.0.0.1. By default it answers with real hashing-embedder vectors.
 */
export class FakeEmbeddingsServer {
  readonly requests: RecordedRequest[] = [];
  /** Replies to use before falling back to success, consumed in order. */
  readonly script: FakeReply[] = [];
  private readonly embedder: HashingEmbedder;
  private constructor(
    private readonly server: Server,
    dimensions: number,
  ) {
    this.embedder = new HashingEmbedder(dimensions);
  }

  static async start(dimensions: number): Promise<FakeEmbeddingsServer> {
    let fake: FakeEmbeddingsServer | undefined;
    const server = createServer((req, res) => {
      void fake?.handle(req).then((reply) => {
        const send = () => {
          res.writeHead(reply.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(reply.body ?? {}));
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
        else send();
      });
    });
    fake = new FakeEmbeddingsServer(server, dimensions);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage): Promise<FakeReply> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const vectors = await this.embedder.embed(body.input);
    // Answer out of order, as real APIs may: clients must place embeddings by `index`.
    const data = vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: [...v].map((x) => x * 3),
    }));
    return { status: 200, body: { object: 'list', data: data.reverse(), model: body.model } };
  }
}
