import {
  type Answer,
  AnswerEvent,
  type AskRequest,
  DigestData,
  EnsembleError,
  ErrorCode,
  IndexRebuildResponse,
  Item,
  type ItemKind,
  type ItemPatch,
  type ItemStatus,
  type NewItem,
  type ResolveConflictRequest,
  SearchResponse,
  type SpaceId,
  summarize,
} from '@ensemble/core';
import { z } from 'zod';
import { parseSse } from './sse.js';

export interface HubClientOptions {
  /** The hub's base URL, e.g. `http://127.0.0.1:4321`. */
  url: string;
  /** A token from `ensemble token create`. */
  token: string;
  /** Defaults to the global fetch; pass one to add proxies or tracing. */
  fetch?: typeof fetch;
  /** Per-request timeout in ms; default 30 s. */
  timeoutMs?: number;
  /** Wall time for a whole streamed answer; default 120 s. */
  askTimeoutMs?: number;
}

export interface ItemFilter {
  kind?: ItemKind;
  status?: ItemStatus;
  owner?: string;
  tag?: string;
}

export interface SearchOptions {
  spaces?: SpaceId[];
  limit?: number;
  kinds?: ItemKind[];
  statuses?: ItemStatus[];
}

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const ItemList = z.object({
  items: z.array(Item),
  quarantined: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type ItemList = z.infer<typeof ItemList>;
const Superseded = z.object({ old: Item, replacement: Item });
const Health = z.object({ ok: z.boolean(), spacesLoaded: z.number(), connections: z.number() });
export type HubHealth = z.infer<typeof Health>;

const knownCodes = new Set<string>(Object.values(ErrorCode));

/**
 * Typed client of the hub's HTTP API, shared by the CLI, the Slack app and the VS Code
 * extension. Responses are zod-parsed; a hub error becomes an EnsembleError with the hub's code.
 */
export class HubClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: HubClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The websocket address of a space, for y-websocket's WebsocketProvider(serverUrl, room). */
  get syncServerUrl(): string {
    return syncServerUrl(this.base);
  }

  health(): Promise<HubHealth> {
    return this.request('GET', '/healthz', Health);
  }

  list(space: SpaceId, filter: ItemFilter = {}): Promise<ItemList> {
    const query = new URLSearchParams(
      Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ).toString();
    return this.request('GET', `${itemsPath(space)}${query ? `?${query}` : ''}`, ItemList);
  }

  get(space: SpaceId, id: string): Promise<Item> {
    return this.request('GET', itemPath(space, id), Item);
  }

  create(space: SpaceId, item: NewItem): Promise<Item> {
    return this.request('POST', itemsPath(space), Item, item);
  }

  update(space: SpaceId, id: string, patch: ItemPatch): Promise<Item> {
    return this.request('PATCH', itemPath(space, id), Item, patch);
  }

  confirm(space: SpaceId, id: string): Promise<Item> {
    return this.request('POST', `${itemPath(space, id)}/confirm`, Item);
  }

  reject(space: SpaceId, id: string): Promise<Item> {
    return this.request('POST', `${itemPath(space, id)}/reject`, Item);
  }

  supersede(space: SpaceId, id: string, replacement: NewItem): Promise<{ old: Item; replacement: Item }> {
    return this.request('POST', `${itemPath(space, id)}/supersede`, Superseded, replacement);
  }

  /** Hybrid search over the named spaces, or over every space the token may read. */
  search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const params = new URLSearchParams({ q: query });
    for (const space of options.spaces ?? []) params.append('space', space);
    for (const kind of options.kinds ?? []) params.append('kind', kind);
    for (const status of options.statuses ?? []) params.append('status', status);
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    return this.request('GET', `/v1/search?${params}`, SearchResponse);
  }

  /** Rebuilds the hub's search index from the spaces (needs write access to every team space). */
  rebuildIndex(): Promise<IndexRebuildResponse> {
    return this.request('POST', '/v1/index/rebuild', IndexRebuildResponse);
  }

  /** `GET /v1/digest`: what a team's weekly digest lists, since a date. */
  digest(space: SpaceId, since: Date): Promise<DigestData> {
    const query = new URLSearchParams({ space, since: since.toISOString() });
    return this.request('GET', `/v1/digest?${query}`, DigestData);
  }

  /** Resolves a conflict as the token's person (one of its two owners). */
  resolveConflict(space: SpaceId, conflictId: string, request: ResolveConflictRequest): Promise<Item> {
    return this.request(
      'POST',
      `/v1/conflicts/${space}/${encodeURIComponent(conflictId)}/resolve`,
      Item,
      request,
    );
  }

  /**
   * Asks the team's assistant (`POST /v1/ask`) and yields the answer's events as they stream:
   * `delta`s of text, `sources`, `checks`, then `done` or `error`. Refusals before the stream
   * (auth, access, bad input) throw with the hub's code.
   */
  async *ask(request: AskRequest, signal?: AbortSignal): AsyncGenerator<AnswerEvent> {
    const deadline = AbortSignal.timeout(this.options.askTimeoutMs ?? 120_000);
    const response = await this.send(
      'POST',
      '/v1/ask',
      request,
      signal ? AbortSignal.any([signal, deadline]) : deadline,
    );
    if (!response.ok || !response.body) throw toError(response.status, parseJson(await response.text()));
    for await (const frame of parseSse(response.body)) {
      const parsed = AnswerEvent.safeParse(parseJson(frame.data));
      if (!parsed.success) {
        throw new EnsembleError(
          ErrorCode.MalformedMessage,
          'The hub sent an answer event this client cannot read; update the client.',
        );
      }
      yield parsed.data;
    }
  }

  /** The final answer of `ask`; `onEvent` sees each event on the way. An `error` event throws. */
  async answer(
    request: AskRequest,
    onEvent: (event: AnswerEvent) => void = () => undefined,
    signal?: AbortSignal,
  ): Promise<Answer> {
    for await (const event of this.ask(request, signal)) {
      onEvent(event);
      if (event.type === 'done') return event.answer;
      if (event.type === 'error') throw new EnsembleError(codeOf(event.code), event.message);
    }
    throw new EnsembleError(
      ErrorCode.Unavailable,
      'The answer stream ended before the answer was complete; ask again.',
    );
  }

  private async send(method: string, path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    try {
      return await this.fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (signal.aborted && signal.reason instanceof Error && signal.reason.name !== 'TimeoutError')
        throw signal.reason;
      throw new EnsembleError(
        ErrorCode.Unavailable,
        `Cannot reach the hub at ${this.base} (${(e as Error).message}). Is it running? Check --hub / ENSEMBLE_HUB_URL.`,
      );
    }
  }

  private async request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const response = await this.send(method, path, body, AbortSignal.timeout(this.timeoutMs));
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) throw toError(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new EnsembleError(
        ErrorCode.Internal,
        `Unexpected answer from the hub for ${method} ${path}: ${summarize(parsed.error)}`,
      );
    }
    return parsed.data;
  }
}

/** y-websocket's serverUrl for a hub: the provider appends `/<org>/<team>` itself. */
export function syncServerUrl(hubUrl: string): string {
  return `${hubUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/v1/sync`;
}

const itemsPath = (space: SpaceId) => `/v1/spaces/${space}/items`;
const itemPath = (space: SpaceId, id: string) => `${itemsPath(space)}/${encodeURIComponent(id)}`;

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const codeOf = (code: string): ErrorCode => (knownCodes.has(code) ? (code as ErrorCode) : ErrorCode.Internal);

function toError(status: number, json: unknown): EnsembleError {
  const body = ErrorBody.safeParse(json);
  if (!body.success) return new EnsembleError(ErrorCode.Internal, `The hub answered HTTP ${status}.`);
  const { code, message } = body.data.error;
  return new EnsembleError(codeOf(code), message, {
    status,
  });
}
