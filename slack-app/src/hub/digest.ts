import { DigestData, Item, type ResolveConflictRequest, type SpaceId } from '@ensemble/core';
import type { HubSession } from './access.js';
import { hubJson } from './http.js';

/** `GET /v1/digest` (hub extension `digest`). */
export function fetchDigest(session: HubSession, space: SpaceId, since: Date): Promise<DigestData> {
  const query = new URLSearchParams({ space, since: since.toISOString() });
  return hubJson(session, 'GET', `/v1/digest?${query}`, DigestData);
}

/** `POST /v1/conflicts/:org/:team/:id/resolve`; the resolver is the session's person. */
export function resolveConflictOnHub(
  session: HubSession,
  space: SpaceId,
  conflictId: string,
  request: ResolveConflictRequest,
): Promise<Item> {
  return hubJson(
    session,
    'POST',
    `/v1/conflicts/${space}/${encodeURIComponent(conflictId)}/resolve`,
    Item,
    request,
  );
}
