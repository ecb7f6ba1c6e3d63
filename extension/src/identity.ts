import { EnsembleError, ErrorCode, TokenClaims } from '@ensemble/core';

const notAToken = () =>
  new EnsembleError(
    ErrorCode.Unauthorized,
    'That is not an Ensemble token. Create one on the hub with "ensemble token create" and run "Ensemble: Connect".',
  );

/**
 * Reads who a hub token names, without verifying it: the hub verifies every connection, the
 * extension only needs the person id to stamp on what it records while offline.
 */
export function claimsOfToken(token: string): TokenClaims {
  const payload = token.trim().split('.')[1];
  if (!payload) throw notAToken();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw notAToken();
  }
  const claims = TokenClaims.safeParse(decoded);
  if (!claims.success) throw notAToken();
  return claims.data;
}
