import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type Access,
  asEnsembleError,
  EnsembleError,
  ErrorCode,
  type SpaceId,
  type TokenClaims,
} from '@ensemble/core';
import { assertAccess, authenticate, spaceFrom, tokenOf } from './http/access.js';
import { httpStatusOf } from './http/respond.js';

export const SYNC_PATH = '/v1/sync';

export interface AuthorizedUpgrade {
  space: SpaceId;
  principal: TokenClaims;
  access: Access;
  expiresAt: number | undefined;
}

/**
 * Decides, before the websocket handshake, who connects to which space: no or bad token → 401,
 * no read access → 403, unknown path → 404. Read-only tokens connect; their writes are dropped.
 */
export async function authorizeUpgrade(req: IncomingMessage, secret: Uint8Array): Promise<AuthorizedUpgrade> {
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  const match = /^\/v1\/sync\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) {
    throw new EnsembleError(ErrorCode.NotFound, `Connect to ${SYNC_PATH}/<org>/<team>, not ${url.pathname}.`);
  }
  const space = spaceFrom(match[1], match[2]);
  const { claims: principal, expiresAt } = await authenticate(secret, tokenOf(req, url));
  const access = assertAccess(principal, space, 'read');
  return { space, principal, access, expiresAt };
}

/** Answers a refused upgrade with a plain HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, e: unknown): number {
  const error = asEnsembleError(e);
  const status = httpStatusOf(error.code);
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  return status;
}
