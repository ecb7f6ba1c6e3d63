import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnsembleError, ErrorCode, isEnsembleError } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type { HubRoute } from '../extension.js';
import type { HubMetrics } from '../metrics.js';
import { authenticate, tokenOf } from './access.js';
import { readJsonBody } from './body.js';
import { sendError, sendJson } from './respond.js';
import { createRouter } from './router.js';

export interface HttpHandlerOptions {
  routes: readonly HubRoute[];
  secret: Uint8Array;
  maxBodyBytes: number;
  metrics: HubMetrics;
  logger: Logger;
  health(): { spacesLoaded: number; connections: number };
}

/** Serves /healthz and /metrics without auth, and every route (built-in or extension) with it. */
export function createHttpHandler(options: HttpHandlerOptions) {
  const { metrics, logger } = options;
  const route = createRouter(options.routes);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const method = req.method ?? 'GET';
    let label = 'unmatched';
    let status = 500;
    try {
      if (method === 'GET' && url.pathname === '/healthz') {
        label = '/healthz';
        status = 200;
        return sendJson(res, 200, { ok: true, ...options.health() });
      }
      if (method === 'GET' && url.pathname === '/metrics') {
        label = '/metrics';
        status = 200;
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
        return;
      }
      const match = route(method, url.pathname);
      if (match.kind === 'none') {
        throw new EnsembleError(
          ErrorCode.NotFound,
          `No route ${method} ${url.pathname}; see the hub README.`,
        );
      }
      if (match.kind === 'wrong-method') {
        res.setHeader('allow', match.allowed.join(', '));
        throw new EnsembleError(
          ErrorCode.NotFound,
          `${url.pathname} accepts ${match.allowed.join(', ')}, not ${method}.`,
        );
      }
      label = `${match.route.method} ${match.route.path}`;
      const { claims: principal } = await authenticate(options.secret, tokenOf(req, url));
      const body = await readJsonBody(req, options.maxBodyBytes);
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      await match.route.handle(
        { principal, params: match.params, query: url.searchParams, body, signal: abort.signal },
        res,
      );
      status = res.statusCode;
    } catch (e) {
      if (isEnsembleError(e) && e.code === ErrorCode.PayloadTooLarge && !res.headersSent) {
        // The refused body may still be arriving: drain it, then drop the connection.
        res.setHeader('connection', 'close');
        req.resume();
      }
      status = sendError(res, e);
      if (status >= 500) logger.error('http_error', { route: label, status, error: (e as Error).message });
    } finally {
      metrics.httpRequests.inc({ route: label, status: String(status) });
      if (status < 500) logger.debug('http_request', { route: label, status });
    }
  };
}
