import type { EnsembleConfig, PersonId, SpaceGrants, SpaceId, TeamConfig } from '@ensemble/core';
import { HubClient } from '@ensemble/runtime';
import { createToken } from '@ensemble/sync-server/tokens';

/** Short on purpose: a leaked delegated token is useless minutes later. */
const TOKEN_TTL_SECONDS = 300;
const REUSE_FOR_MS = 240_000;

/** The identity the app reads as when no person acts (the weekly digest). */
export const SERVICE_PERSON = 'ensemble-slack';

export interface HubSession {
  client: HubClient;
  token: string;
  url: string;
}

/**
 * Hands out hub clients that act as a given person. The hub records the token's subject as
 * the actor and lets only an item's owner confirm it, so the app signs a short-lived token per
 * person with the hub's secret instead of sharing one bot token for everybody.
 */
export class HubAccess {
  private readonly secret: Uint8Array;
  private readonly cache = new Map<string, { session: HubSession; until: number }>();

  constructor(
    private readonly config: EnsembleConfig,
    hubSecret: string,
  ) {
    this.secret = new TextEncoder().encode(hubSecret);
  }

  get url(): string {
    return this.config.slack.hubUrl.replace(/\/+$/, '');
  }

  /** A client acting as `person` with write access to the team's space. */
  asPerson(person: PersonId, team: TeamConfig, space: SpaceId): Promise<HubSession> {
    const grants: SpaceGrants = { [space]: 'write' };
    for (const other of team.readsFrom) grants[other] ??= 'read';
    return this.session(person, grants);
  }

  /** Read-only access to the whole org, for the digest (conflicts may sit in other spaces). */
  asService(): Promise<HubSession> {
    return this.session(SERVICE_PERSON, { [`${this.config.org}/*`]: 'read' });
  }

  private async session(sub: PersonId, spaces: SpaceGrants): Promise<HubSession> {
    const key = `${sub} ${JSON.stringify(spaces)}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.session;
    const token = await createToken(this.secret, { sub, spaces }, `${TOKEN_TTL_SECONDS}s`);
    const session = {
      client: new HubClient({ url: this.url, token }),
      token,
      url: this.url,
    };
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, { session, until: Date.now() + REUSE_FOR_MS });
    return session;
  }
}
