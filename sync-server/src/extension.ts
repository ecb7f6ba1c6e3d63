import type { ServerResponse } from 'node:http';
import type { EnsembleConfig, ItemChange, SpaceId, SpaceMemory, TokenClaims } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';

/**
 * Hub extensions (hocuspocus-style hooks). An extension adds behaviour to the hub without the
 * hub knowing about it: the search index, the ask endpoint and the cross-check pipeline are
 * extensions. The contract, hook by hook:
 *
 * - `start(ctx)` runs once, before the hub accepts connections. Await anything you need.
 * - `onItemsChanged(event)` runs after an update to a space's items has been persisted and
 *   fanned out, whichever surface wrote it (websocket client, HTTP API, another extension).
 *   It never delays fan-out; a thrown error or rejected promise is logged, not propagated.
 *   Writes made through `event.memory` go through the same path (persisted, fanned out, and
 *   reported to `onItemsChanged` again with `local: true`): guard against loops.
 * - `routes` are served under the hub's HTTP server. Every route is authenticated: the handler
 *   receives the verified token as `principal` and must check space access itself
 *   (`assertAccess` from this package). Paths may contain `:param` segments.
 *   A handler either writes `res` itself (e.g. a stream) or throws an `EnsembleError`, which
 *   the hub turns into `{ error: { code, message } }` with a matching status.
 * - `stop()` runs on graceful shutdown, after connections are closed and before the store is.
 */
export interface HubExtension {
  readonly name: string;
  start?(ctx: HubContext): void | Promise<void>;
  onItemsChanged?(event: ItemsChangedEvent): void | Promise<void>;
  readonly routes?: readonly HubRoute[];
  stop?(): void | Promise<void>;
}

export interface HubContext {
  readonly config: EnsembleConfig;
  readonly logger: Logger;
  /**
   * The live memory of a space, loaded from storage if needed. Valid while the space stays
   * loaded: call it again per request instead of keeping the result.
   */
  openSpace(space: SpaceId): Promise<SpaceMemory>;
  /**
   * Rewrites the space's stored log as one snapshot of its current state, so content that was
   * overwritten (e.g. a redacted secret) no longer sits on disk.
   */
  compactSpace(space: SpaceId): Promise<void>;
}

export interface ItemsChangedEvent {
  space: SpaceId;
  memory: SpaceMemory;
  changes: ItemChange[];
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HubRequest {
  principal: TokenClaims;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (`undefined` when there is none); validate it with zod. */
  body: unknown;
  /** Aborted when the client goes away, so long work (model calls) can stop. */
  signal: AbortSignal;
}

export interface HubRoute {
  method: HttpMethod;
  /** E.g. `/v1/spaces/:org/:team/items/:id`. */
  path: string;
  handle(req: HubRequest, res: ServerResponse): void | Promise<void>;
}
