import { JsonlUsageLedger, type UsageLedger } from '@ensemble/assistant';
import {
  canRead,
  DigestData,
  DigestQuery,
  EnsembleError,
  ErrorCode,
  type Item,
  ResolveConflictRequest,
  type SpaceMemory,
  spaceOfTeam,
  summarize,
  teamOf,
} from '@ensemble/core';
import { attentionFor, resolveConflict } from '@ensemble/crosscheck';
import type { z } from 'zod';
import type { HubContext, HubExtension } from '../extension.js';
import { assertAccess, spaceFrom } from '../http/access.js';
import { sendJson } from '../http/respond.js';

/**
 * Digest data and conflict resolution over HTTP, for surfaces that do not hold a live copy of
 * the spaces (the Slack app's weekly digest and its "resolve" buttons).
 *
 * - `GET /v1/digest?space=<org/team>&since=<ISO>` → `DigestData` (read access to the space),
 *   usage included from the usage ledger.
 * - `POST /v1/conflicts/:org/:team/:id/resolve` with `ResolveConflictRequest` → the conflict
 *   item; the resolver is the token's person, who must own one of the two sides.
 */
export interface DigestExtensionOptions {
  /** Where usage is read from; defaults to the ask extension's usage.jsonl in the data dir. */
  ledger?: UsageLedger;
}

export function digestExtension(options: DigestExtensionOptions = {}): HubExtension {
  let hub: HubContext | undefined;
  let ledger: UsageLedger | undefined;
  const context = (): HubContext => {
    if (!hub) throw new EnsembleError(ErrorCode.Unavailable, 'The hub is still starting; try again.');
    return hub;
  };
  return {
    name: 'digest',
    start(ctx) {
      hub = ctx;
      ledger = options.ledger ?? new JsonlUsageLedger(ctx.config.hub.dataDir);
    },
    routes: [
      {
        method: 'GET',
        path: '/v1/digest',
        async handle(req, res) {
          const ctx = context();
          const query = parse(DigestQuery, Object.fromEntries(req.query.entries()), 'digest query');
          assertAccess(req.principal, query.space, 'read');
          const own = await ctx.openSpace(query.space);
          // Other spaces are searched only for conflicts naming this team, and only where the
          // caller may read: a digest never reveals a space the token cannot see.
          const others: SpaceMemory[] = [];
          for (const team of ctx.config.teams) {
            const space = spaceOfTeam(ctx.config, team.id);
            if (space !== query.space && canRead(req.principal.spaces, space)) {
              others.push(await ctx.openSpace(space));
            }
          }
          const now = new Date();
          const attention = attentionFor({
            own,
            others,
            knownPeople: new Set(ctx.config.people.map((p) => p.id)),
            now,
          });
          const since = new Date(query.since).toISOString();
          const team = teamOf(query.space);
          const used = (await ledger?.entries({ team, since: new Date(since) })) ?? [];
          const data: DigestData = {
            space: query.space,
            since,
            generatedAt: now.toISOString(),
            decisions: own
              .list({ kind: 'decision' })
              .filter((item) => item.updatedAt >= since)
              .map((item) => ({ change: changeOf(item, since), item })),
            ...attention,
            usage: {
              modelCalls: used.length,
              inputTokens: used.reduce((sum, e) => sum + e.inputTokens, 0),
              outputTokens: used.reduce((sum, e) => sum + e.outputTokens, 0),
              costUsd: used.reduce((sum, e) => sum + e.costUsd, 0),
            },
          };
          sendJson(res, 200, DigestData.parse(data));
        },
      },
      {
        method: 'POST',
        path: '/v1/conflicts/:org/:team/:id/resolve',
        async handle(req, res) {
          const ctx = context();
          const space = spaceFrom(req.params.org, req.params.team);
          assertAccess(req.principal, space, 'write');
          const body = parse(ResolveConflictRequest, req.body ?? {}, 'resolution');
          const item = await resolveConflict(ctx, {
            space,
            conflictId: req.params.id ?? '',
            outcome: body.outcome,
            ...(body.scope ? { scope: body.scope } : {}),
            by: req.principal.sub,
          });
          sendJson(res, 200, item);
        },
      },
    ],
  };
}

const changeOf = (item: Item, since: string): 'new' | 'changed' =>
  item.createdAt >= since ? 'new' : 'changed';

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new EnsembleError(ErrorCode.InvalidInput, `Invalid ${what}: ${summarize(result.error)}`);
  }
  return result.data;
}
