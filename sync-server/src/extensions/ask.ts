import {
  AnswerCache,
  type AnswerDeps,
  type AnswerReviewer,
  answerStream,
  type Env,
  JsonlUsageLedger,
  MemoryRetriever,
  PromotionStore,
  type Retriever,
  sseFrame,
  type UsageLedger,
} from '@ensemble/assistant';
import {
  AskRequest,
  canRead,
  EnsembleError,
  ErrorCode,
  type SpaceId,
  type SpaceMemory,
  summarize,
  type TeamConfig,
} from '@ensemble/core';
import type { HubContext, HubExtension, HubRequest } from '../extension.js';
import { assertAccess } from '../http/access.js';

export interface AskExtensionOptions {
  /** The retrieval index; defaults to scanning the loaded spaces (fine for small spaces). */
  retriever?: (memoryOf: (space: SpaceId) => SpaceMemory | undefined) => Retriever;
  /** Defaults to usage.jsonl in the hub's data directory. */
  ledger?: UsageLedger;
  /** Where model API keys are read from; defaults to the process environment. */
  env?: Env;
  /** Issue 5's cross-check of answers plugs in here. */
  reviewers?: readonly AnswerReviewer[];
}

/**
 * `POST /v1/ask` (contract: AskRequest / AnswerEvent in @ensemble/core): the assistant of the
 * team owning `space` answers as Server-Sent Events (`delta`, `sources`, `checks`, `done`, `error`). Refusals before the stream starts (auth, access, bad
 * body) are ordinary JSON errors with their status; failures mid-answer arrive as an `error` event.
 */
export function askExtension(options: AskExtensionOptions = {}): HubExtension {
  let ctx: HubContext | undefined;
  let ledger: UsageLedger | undefined;
  let promotions: PromotionStore | undefined;
  const cache = new AnswerCache();

  return {
    name: 'ask',
    start(context) {
      ctx = context;
      ledger = options.ledger ?? new JsonlUsageLedger(context.config.hub.dataDir);
      promotions = new PromotionStore(context.config.hub.dataDir);
    },
    onItemsChanged({ space, changes }) {
      for (const change of changes) cache.invalidate(space, change.id);
    },
    routes: [
      {
        method: 'POST',
        path: '/v1/ask',
        async handle(req: HubRequest, res) {
          if (!ctx || !ledger || !promotions) {
            throw new EnsembleError(ErrorCode.Unavailable, 'The ask endpoint is starting; retry shortly.');
          }
          const body = AskRequest.safeParse(req.body);
          if (!body.success) throw new EnsembleError(ErrorCode.InvalidInput, summarize(body.error));
          const { config, logger } = ctx;
          const ask = body.data;
          assertAccess(req.principal, ask.space, 'read');
          const team = teamOf(config.teams, config.org, ask.space);
          const spaces = [ask.space, ...team.readsFrom].filter((s) => canRead(req.principal.spaces, s));
          const memories = new Map<SpaceId, SpaceMemory>();
          for (const space of spaces) memories.set(space, await ctx.openSpace(space));
          const memoryOf = (space: SpaceId) => memories.get(space);
          const deps: AnswerDeps = {
            config,
            retriever: options.retriever?.(memoryOf) ?? new MemoryRetriever(memoryOf),
            memoryOf,
            ledger,
            cache,
            promoted: await promotions.promoted(),
            ...(options.env ? { env: options.env } : {}),
            ...(options.reviewers ? { reviewers: options.reviewers } : {}),
            onFindings: (where, findings) =>
              logger.info('guard_redacted', { team: team.id, where, findings: findings.length }),
          };
          res.writeHead(200, {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache',
            'x-accel-buffering': 'no',
          });
          const events = answerStream(
            {
              question: ask.question,
              team: team.id,
              asker: req.principal.sub,
              spaces,
              surface: ask.surface ?? 'api',
              thread: ask.thread,
              ...(ask.about ? { about: ask.about } : {}),
              signal: req.signal,
            },
            deps,
          );
          for await (const event of events) {
            if (res.destroyed) break;
            res.write(sseFrame(event));
            if (event.type === 'done') {
              const r = event.answer;
              logger.info('ask_answered', {
                team: team.id,
                model: r.model,
                covered: r.covered,
                sources: r.sources.length,
                cached: r.cached,
                partial: r.partial,
                costUsd: r.usage.costUsd,
              });
            } else if (event.type === 'error') {
              logger.warn('ask_failed', { team: team.id, code: event.code });
            }
          }
          res.end();
        },
      },
    ],
  };
}

/** The team whose space the question is asked in. */
function teamOf(teams: readonly TeamConfig[], org: string, space: SpaceId): TeamConfig {
  const [spaceOrg, teamId] = space.split('/');
  const team = spaceOrg === org ? teams.find((t) => t.id === teamId) : undefined;
  if (!team) {
    throw new EnsembleError(
      ErrorCode.NotFound,
      `No team owns ${space} in the hub config; ask in a team space like ${org}/<team>.`,
    );
  }
  return team;
}
