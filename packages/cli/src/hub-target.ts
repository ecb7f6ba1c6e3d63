import { EnsembleError, ErrorCode, SpaceId, summarize, TokenClaims } from '@ensemble/core';
import { HubClient } from '@ensemble/runtime';
import { z } from 'zod';
import type { CliIo } from './io.js';

const HubEnv = z.object({
  ENSEMBLE_HUB_URL: z.url().optional(),
  ENSEMBLE_TOKEN: z.string().optional(),
  ENSEMBLE_SPACE: SpaceId.optional(),
});

export const hubOptions = {
  hub: { type: 'string' },
  token: { type: 'string' },
  space: { type: 'string' },
} as const;

/** Hub and token only, for commands that list --space among their own options. */
export const hubConnectionUsage = `Hub options (or environment):
  --hub <url>       hub address (ENSEMBLE_HUB_URL, default http://127.0.0.1:4321)
  --token <token>   token from "ensemble token create" (ENSEMBLE_TOKEN)`;

export const hubUsage = `${hubConnectionUsage}
  --space <id>      space like acme/platform (ENSEMBLE_SPACE, default: the token's only write grant)`;

export interface HubTarget {
  client: HubClient;
  space: SpaceId;
}

/** Picks hub, token and space from flags, then the environment, then the token's own grants. */
export function hubTarget(flags: { hub?: string; token?: string; space?: string }, io: CliIo): HubTarget {
  const { env, url, token } = hubAccess(flags, io);
  const space = pickSpace(flags.space ?? env.ENSEMBLE_SPACE, token);
  return { client: new HubClient({ url, token }), space };
}

/** A client for commands that span spaces (e.g. search): hub and token only, no space. */
export function hubClient(flags: { hub?: string; token?: string }, io: CliIo): HubClient {
  const { url, token } = hubAccess(flags, io);
  return new HubClient({ url, token });
}

const howToGetToken =
  'a hub admin creates one with "ensemble token create --person <you> --write <org>/<team>"';

function hubAccess(flags: { hub?: string; token?: string }, io: CliIo) {
  if (io.env.ENSEMBLE_TOKEN === '' && flags.token === undefined) {
    throw new EnsembleError(
      ErrorCode.Unauthorized,
      `ENSEMBLE_TOKEN is set but empty: set it to a token (${howToGetToken}) or pass --token.`,
    );
  }
  const envResult = HubEnv.safeParse(io.env);
  if (!envResult.success) {
    throw new EnsembleError(ErrorCode.InvalidConfig, `Invalid environment: ${summarize(envResult.error)}`);
  }
  const env = envResult.data;
  const url = flags.hub ?? env.ENSEMBLE_HUB_URL ?? 'http://127.0.0.1:4321';
  const token = flags.token ?? env.ENSEMBLE_TOKEN;
  if (!token) {
    throw new EnsembleError(
      ErrorCode.Unauthorized,
      `No token: pass --token or set ENSEMBLE_TOKEN (${howToGetToken}).`,
    );
  }
  return { env, url, token };
}

function pickSpace(explicit: string | undefined, token: string): SpaceId {
  if (explicit !== undefined) {
    const parsed = SpaceId.safeParse(explicit);
    if (!parsed.success) {
      throw new EnsembleError(
        ErrorCode.InvalidInput,
        `--space "${explicit}" is not a space id like acme/platform.`,
      );
    }
    return parsed.data;
  }
  const claims = unverifiedClaims(token);
  if (!claims) {
    throw new EnsembleError(
      ErrorCode.Unauthorized,
      `The token cannot be read: it is not one made by "ensemble token create" (check for a truncated copy); ${howToGetToken}.`,
    );
  }
  const writable = Object.entries(claims.spaces)
    .filter(([key, access]) => access === 'write' && !key.endsWith('/*'))
    .map(([key]) => key);
  const only = writable.length === 1 ? SpaceId.safeParse(writable[0]) : undefined;
  if (!only?.success) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      'Which space? Pass --space acme/platform or set ENSEMBLE_SPACE (the token does not name exactly one).',
    );
  }
  return only.data;
}

/** Reads the token's claims without checking the signature: only to choose a default space. */
export function unverifiedClaims(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = TokenClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.success ? claims.data : undefined;
  } catch {
    return undefined;
  }
}
