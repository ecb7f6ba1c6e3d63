import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  type EnsembleConfig,
  EnsembleError,
  ErrorCode,
  type ItemChange,
  type SpaceId,
  type SpaceMemory,
} from '@ensemble/core';
import { createLogger, type Logger } from '@ensemble/runtime';
import { WebSocketServer } from 'ws';
import { CloseCode } from './close-codes.js';
import { serveConnection } from './connection.js';
import { lockDataDir } from './data-dir-lock.js';
import type { HubContext, HubExtension } from './extension.js';
import { startHeartbeat } from './heartbeat.js';
import { createHttpHandler } from './http/handler.js';
import { itemRoutes } from './http/item-routes.js';
import { createHubMetrics } from './metrics.js';
import { createFileSpaceStore, type SpaceStore } from './persistence/index.js';
import { Spaces } from './spaces.js';
import { hubSecret } from './tokens.js';
import { authorizeUpgrade, refuseUpgrade } from './upgrade.js';

export interface HubOptions {
  config: EnsembleConfig;
  logger?: Logger;
  extensions?: readonly HubExtension[];
  /** Defaults to the file store in `config.hub.dataDir`. */
  store?: SpaceStore;
  /** Defaults to `hubSecret(config.hub.dataDir)` (ENSEMBLE_TOKEN_SECRET or `<dataDir>/hub-secret`). */
  secret?: Uint8Array;
}

export interface Hub {
  /** `http://host:port`; websocket clients use the same address with ws://. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, closes connections, compacts every loaded space, closes the store. */
  close(): Promise<void>;
}

/** Starts the hub: one HTTP server for the API, /healthz, /metrics and websocket sync. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { config } = options;
  const logger = options.logger ?? createLogger();
  const dataDir = resolve(config.hub.dataDir);
  const lock = lockDataDir(dataDir);
  let secret: Uint8Array;
  let store: SpaceStore;
  try {
    secret = options.secret ?? hubSecret(dataDir);
    store =
      options.store ??
      createFileSpaceStore({
        dataDir,
        logger: logger.child({ part: 'store' }),
        fsyncEveryUpdate: config.hub.fsyncEveryUpdate,
      });
  } catch (e) {
    lock.release();
    throw e;
  }
  const extensions = options.extensions ?? [];
  const started: HubExtension[] = [];
  /** A hub that fails to start (extension error, port in use) leaves nothing open or locked. */
  const startOrUndo = async (step: () => Promise<void>): Promise<void> => {
    try {
      await step();
    } catch (e) {
      for (const extension of started.reverse())
        await Promise.resolve(extension.stop?.()).catch(() => undefined);
      await store.close().catch(() => undefined);
      lock.release();
      throw e;
    }
  };
  const metrics = createHubMetrics();

  const notify = (space: SpaceId, memory: SpaceMemory, changes: ItemChange[]) => {
    for (const extension of extensions) {
      if (!extension.onItemsChanged) continue;
      Promise.resolve()
        .then(() => extension.onItemsChanged?.({ space, memory, changes }))
        .catch((e: Error) =>
          logger.error('extension_failed', {
            extension: extension.name,
            hook: 'onItemsChanged',
            error: e.message,
          }),
        );
    }
  };
  const spaces = new Spaces({
    store,
    metrics,
    logger,
    idleUnloadMs: config.hub.idleUnloadMs,
    compactAfterUpdates: config.hub.compactAfterUpdates,
    onItemsChanged: notify,
  });
  const ctx: HubContext = {
    config,
    logger,
    openSpace: async (space) => (await spaces.open(space)).memory,
    compactSpace: async (space) => (await spaces.open(space)).compact(),
  };
  await startOrUndo(async () => {
    for (const extension of extensions) {
      await extension.start?.(ctx);
      started.push(extension);
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.hub.maxMessageBytes });
  const handleHttp = createHttpHandler({
    routes: [...itemRoutes(ctx), ...extensions.flatMap((e) => e.routes ?? [])],
    secret,
    maxBodyBytes: config.hub.maxMessageBytes,
    metrics,
    logger,
    health: () => ({ spacesLoaded: spaces.loadedCount, connections: wss.clients.size }),
  });
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((e: Error) => {
      logger.error('http_failed', { error: e.message });
      res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    authorizeUpgrade(req, secret)
      .then(
        ({ space, principal, access, expiresAt }) => {
          wss.handleUpgrade(req, socket, head, (ws) => {
            heartbeat.track(ws);
            serveConnection(ws, { space, access, person: principal.sub, expiresAt, spaces, metrics, logger });
          });
        },
        (e) => {
          const status = refuseUpgrade(socket, e);
          logger.info('upgrade_refused', { status });
        },
      )
      .catch((e: Error) => {
        logger.error('upgrade_failed', { error: e.message });
        socket.destroy();
      });
  });

  await startOrUndo(() => listen(server, config.hub.port, config.hub.host));
  const heartbeat = startHeartbeat(wss, config.hub.pingIntervalMs);
  const { port } = server.address() as AddressInfo;
  const host = config.hub.host.includes(':') ? `[${config.hub.host}]` : config.hub.host;
  const url = `http://${host}:${port}`;
  logger.info('hub_started', { url, dataDir });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      heartbeat.stop();
      const serverClosed = new Promise<void>((done) => server.close(() => done()));
      for (const ws of wss.clients) ws.close(CloseCode.GoingAway, 'The hub is shutting down.');
      server.closeIdleConnections();
      await spaces.close();
      for (const ws of wss.clients) ws.terminate();
      for (const extension of extensions) {
        await Promise.resolve()
          .then(() => extension.stop?.())
          .catch((e: Error) =>
            logger.error('extension_failed', { extension: extension.name, hook: 'stop', error: e.message }),
          );
      }
      await store.close();
      server.closeAllConnections();
      await serverClosed;
      lock.release();
      logger.info('hub_stopped', {});
    })();
    return closing;
  };
  return { url, port, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolveListen, reject) => {
    const fail = (e: NodeJS.ErrnoException) =>
      reject(
        new EnsembleError(
          ErrorCode.Unavailable,
          `Cannot listen on ${host}:${port} (${e.code ?? e.message}); pick another port with --port or hub.port.`,
        ),
      );
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolveListen();
    });
  });
}
