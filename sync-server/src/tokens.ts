import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnsembleError, ErrorCode, summarize, TokenClaims } from '@ensemble/core';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'ensemble-hub';
const SECRET_FILE = 'hub-secret';
const MIN_SECRET_BYTES = 32;

/**
 * The key that signs and verifies hub tokens. ENSEMBLE_TOKEN_SECRET wins (so several hubs can
 * share one key); otherwise `<dataDir>/hub-secret`, created with 32 random bytes on first use.
 */
export function hubSecret(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): Uint8Array {
  const fromEnv = env.ENSEMBLE_TOKEN_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    const bytes = new TextEncoder().encode(fromEnv);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new EnsembleError(
        ErrorCode.InvalidConfig,
        `ENSEMBLE_TOKEN_SECRET must be at least ${MIN_SECRET_BYTES} bytes long; use a random string.`,
      );
    }
    return bytes;
  }
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting at once keep one secret.
    writeFileSync(file, randomBytes(MIN_SECRET_BYTES), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const secret = new Uint8Array(readFileSync(file));
  if (secret.length < MIN_SECRET_BYTES) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `${file} holds fewer than ${MIN_SECRET_BYTES} bytes; delete it to create a new secret (old tokens stop working).`,
    );
  }
  return secret;
}

/** Signs a token for `claims`; `ttl` is a duration like "30d", "12h" or "-1s" (already expired). */
export async function createToken(secret: Uint8Array, claims: TokenClaims, ttl: string): Promise<string> {
  const parsed = TokenClaims.safeParse(claims);
  if (!parsed.success) throw new EnsembleError(ErrorCode.InvalidInput, summarize(parsed.error));
  try {
    return await new SignJWT({ spaces: parsed.data.spaces })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(parsed.data.sub)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(secret);
  } catch (e) {
    if (e instanceof TypeError) {
      throw new EnsembleError(
        ErrorCode.InvalidInput,
        `Invalid ttl "${ttl}": use a duration like 30d, 12h or 15m.`,
      );
    }
    throw e;
  }
}

/** Checks signature, issuer and expiry, then the claims' shape. Every failure is `unauthorized`. */
export async function verifyToken(secret: Uint8Array, token: string): Promise<TokenClaims> {
  return (await verifyTokenDetails(secret, token)).claims;
}

export interface VerifiedToken {
  claims: TokenClaims;
  /** When the token stops being valid (ms since epoch); open connections are closed then. */
  expiresAt: number | undefined;
}

export async function verifyTokenDetails(secret: Uint8Array, token: string): Promise<VerifiedToken> {
  let payload: { exp?: number | undefined };
  try {
    ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: ISSUER }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) {
      throw new EnsembleError(
        ErrorCode.Unauthorized,
        'The token has expired. Create a new one with "ensemble token create".',
      );
    }
    throw new EnsembleError(
      ErrorCode.Unauthorized,
      'The token is not valid for this hub. Create one with "ensemble token create" on the hub.',
    );
  }
  const claims = TokenClaims.safeParse(payload);
  if (!claims.success) {
    throw new EnsembleError(
      ErrorCode.Unauthorized,
      `The token's claims are invalid: ${summarize(claims.error)}.`,
    );
  }
  return { claims: claims.data, expiresAt: payload.exp === undefined ? undefined : payload.exp * 1000 };
}
