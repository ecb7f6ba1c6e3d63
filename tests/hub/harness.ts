import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleConfig, type HubConfig, SpaceMemory, type TokenClaims } from '@ensemble/core';
import { createLogger, HubClient, type Logger } from '@ensemble/runtime';
import {
  createFileSpaceStore,
  createToken,
  type Hub,
  type HubExtension,
  hubSecret,
  type SpaceStore,
  startHub,
} from '@ensemble/sync-server';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../utils/wait-for.js';

export const PLATFORM = 'acme/platform';
export const MOBILE = 'acme/mobile';

export interface TestHub {
  hub: Hub;
  dataDir: string;
  secret: Uint8Array;
  /** Every log line the hub wrote, to check that logs never carry content or tokens. */
  logs: string[];
  token(sub: string, spaces: TokenClaims['spaces'], ttl?: string): Promise<string>;
  client(token: string): HubClient;
  syncUrl: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'ensemble-hub-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Starts an in-process hub on a free port with its own data directory. */
export async function startTestHub(
  hubConfig: Partial<HubConfig> = {},
  extensions: HubExtension[] = [],
  options: { wrapStore?: (store: SpaceStore) => SpaceStore } = {},
): Promise<TestHub> {
  const dir = tempDir();
  const config = EnsembleConfig.parse({ hub: { port: 0, dataDir: dir.path, ...hubConfig } });
  const logs: string[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const secret = hubSecret(dir.path, {});
  const makeStore = () => {
    const store = createFileSpaceStore({ dataDir: dir.path, logger });
    return options.wrapStore ? options.wrapStore(store) : store;
  };
  let hub = await startHub({ config, logger, extensions, secret, store: makeStore() });
  const test: TestHub = {
    get hub() {
      return hub;
    },
    dataDir: dir.path,
    secret,
    logs,
    token: (sub, spaces, ttl = '1h') => createToken(secret, { sub, spaces }, ttl),
    client: (token) => new HubClient({ url: hub.url, token }),
    get syncUrl() {
      return `${hub.url.replace('http', 'ws')}/v1/sync`;
    },
    async restart() {
      await hub.close();
      config.hub.port = hub.port;
      hub = await startHub({ config, logger, extensions, secret, store: makeStore() });
    },
    async close() {
      await hub.close();
      dir.remove();
    },
  };
  return test;
}

export interface SyncClient {
  doc: Y.Doc;
  memory: SpaceMemory;
  provider: WebsocketProvider;
  /** Resolves once the provider has synced with the hub (again, after a reconnect). */
  synced(): Promise<void>;
  destroy(): void;
}

/** A real y-websocket client, as any Yjs app would connect. */
export function connectClient(syncUrl: string, space: string, token: string, doc = new Y.Doc()): SyncClient {
  const provider = new WebsocketProvider(syncUrl, space, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  return {
    doc,
    memory: new SpaceMemory(space, doc),
    provider,
    synced: () =>
      waitFor(() => provider.synced, { what: `client of ${space} to sync` }).then(() => undefined),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Reads one counter or gauge from the hub's /metrics text. */
export async function metric(hub: Hub, name: string): Promise<number> {
  const text = await (await fetch(`${hub.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** Opens a raw websocket and resolves with the HTTP status when the upgrade is refused. */
export function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error(`expected ${url} to be refused, but it opened`));
    });
    ws.on('error', () => undefined);
  });
}

export const decision = (title: string, tags: string[] = []) => ({
  kind: 'decision' as const,
  title,
  body: `Body of ${title}`,
  tags,
  source: { surface: 'api' as const },
});
