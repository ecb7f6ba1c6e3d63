import type { IncomingMessage } from 'node:http';
import { type Access, accessTo, EnsembleError, ErrorCode, SpaceId, type TokenClaims } from '@ensemble/core';
import { type VerifiedToken, verifyTokenDetails } from '../tokens.js';

/** The bearer token of a request: `Authorization: Bearer …`, or `?token=` (websocket clients). */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? url.searchParams.get('token') ?? undefined;
}

export async function authenticate(secret: Uint8Array, token: string | undefined): Promise<VerifiedToken> {
  if (!token) {
    throw new EnsembleError(
      ErrorCode.Unauthorized,
      'No token: send "Authorization: Bearer <token>" (create one with "ensemble token create").',
    );
  }
  return verifyTokenDetails(secret, token);
}

/** Parses `<org>/<team>` from path segments; an invalid id is not found (no such space). */
export function spaceFrom(org: string | undefined, team: string | undefined): SpaceId {
  const parsed = SpaceId.safeParse(`${org ?? ''}/${team ?? ''}`);
  if (!parsed.success) {
    throw new EnsembleError(
      ErrorCode.NotFound,
      `"${org}/${team}" is not a space id; they look like "acme/platform".`,
    );
  }
  return parsed.data;
}

/** Throws `forbidden` unless the principal may `need` the space; returns the access it has. */
export function assertAccess(principal: TokenClaims, space: SpaceId, need: Access): Access {
  const has = accessTo(principal.spaces, space);
  if (has === undefined || (need === 'write' && has !== 'write')) {
    throw new EnsembleError(
      ErrorCode.Forbidden,
      `${principal.sub} may not ${need} ${space}; ask a hub admin for a token that grants it.`,
    );
  }
  return has;
}
