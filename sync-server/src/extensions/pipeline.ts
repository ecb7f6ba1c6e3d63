import {
  type Env,
  JsonlUsageLedger,
  type ModelCallDeps,
  PromotionStore,
  teamSettings,
} from '@ensemble/assistant';
import { orgOf, type SpaceId, spaceOfTeam, teamOf, teamSpacesOf } from '@ensemble/core';
import {
  CrossCheckAnswerReviewer,
  CrossChecker,
  HeuristicReviewer,
  KeyedQueue,
  MemoryRelatedFinder,
  type RelatedFinder,
  type Reviewer,
  reviewerForTeam,
} from '@ensemble/crosscheck';
import type { HubContext, HubExtension } from '../extension.js';
import { sendJson } from '../http/respond.js';
import { crossCheckStep } from '../pipeline/crosscheck-step.js';
import { NotificationFeed } from '../pipeline/notifications.js';
import { notifyStep } from '../pipeline/notify-step.js';
import { redactStep } from '../pipeline/redact-step.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { PipelineStep } from '../pipeline/step.js';
import { validateStep } from '../pipeline/validate-step.js';

export interface PipelineExtensionOptions {
  /** Finds related items in other spaces; defaults to scanning them (the search index plugs in here). */
  finder?: (ctx: HubContext) => RelatedFinder;
  /** A team's reviewer; defaults to its review-role model, or the offline heuristic. */
  reviewerFor?: (space: SpaceId, ctx: HubContext) => Reviewer;
  /** Where model API keys are read from; defaults to the process environment. */
  env?: Env;
}

export interface PipelineExtension extends HubExtension {
  readonly feed: NotificationFeed;
  /** Cross-checks drafted answers with the same reviewers: `askExtension({ reviewers: [this] })`. */
  readonly answerReviewer: CrossCheckAnswerReviewer;
  /** Resolves once every change seen so far went through the pipeline (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * The hub pipeline: every new or changed item, whichever surface wrote it, goes through small
 * bounded steps in order — validate → redact → cross-check → notify (indexing is the search
 * extension's). Changes of one item run one at a time, in order.
 *
 * Routes: `GET /v1/notifications` (recent, JSON) and `GET /v1/notifications/stream` (SSE) for
 * the token's person.
 */
export function pipelineExtension(options: PipelineExtensionOptions = {}): PipelineExtension {
  const feed = new NotificationFeed();
  const queue = new KeyedQueue();
  const seenSpaces = new Set<SpaceId>();
  let ctx: HubContext | undefined;
  let steps: PipelineStep[] = [];
  let checker: CrossChecker | undefined;
  const answerReviewer = new CrossCheckAnswerReviewer(
    () => checker,
    (team) => (ctx ? spaceOfTeam(ctx.config, team) : `unknown/${team}`),
  );

  return {
    name: 'pipeline',
    feed,
    answerReviewer,
    async idle() {
      await queue.idle();
      await checker?.idle();
    },
    async start(context) {
      ctx = context;
      const logger = context.logger.child({ extension: 'pipeline' });
      const deps: ModelCallDeps = {
        config: context.config,
        ledger: new JsonlUsageLedger(context.config.hub.dataDir),
        promoted: await new PromotionStore(context.config.hub.dataDir).promoted(),
        ...(options.env ? { env: options.env } : {}),
      };
      const teamSpaces = () => teamSpacesOf(context.config);
      checker = new CrossChecker({
        openSpace: (space) => context.openSpace(space),
        finder:
          options.finder?.(context) ?? new MemoryRelatedFinder({ openSpace: (s) => context.openSpace(s) }),
        reviewerFor: (space) => options.reviewerFor?.(space, context) ?? defaultReviewer(space, deps),
        peersOf: (space) =>
          [...new Set([...teamSpaces(), ...seenSpaces])].filter((s) => orgOf(s) === orgOf(space)),
      });
      steps = [
        validateStep(logger),
        redactStep(logger, (space) => context.compactSpace(space)),
        crossCheckStep(checker, logger),
        notifyStep(feed, logger),
      ];
    },
    onItemsChanged({ space, changes }) {
      if (!ctx) return;
      seenSpaces.add(space);
      const hub = ctx;
      for (const change of changes) {
        void queue
          .run(`${space}#${change.id}`, async () =>
            runPipeline(steps, { space, memory: await hub.openSpace(space), change }, hub.logger),
          )
          .catch((e) =>
            hub.logger.warn('pipeline_failed', { space, item: change.id, error: String(e).slice(0, 200) }),
          );
      }
    },
    routes: [
      {
        method: 'GET',
        path: '/v1/notifications',
        handle(req, res) {
          sendJson(res, 200, { notifications: feed.recent(req.principal.sub) });
        },
      },
      {
        method: 'GET',
        path: '/v1/notifications/stream',
        handle(req, res) {
          res.writeHead(200, {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache',
          });
          res.write(': connected\n\n');
          const unsubscribe = feed.subscribe(req.principal.sub, (n) =>
            res.write(`data: ${JSON.stringify(n)}\n\n`),
          );
          const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
          keepAlive.unref();
          const close = () => {
            clearInterval(keepAlive);
            unsubscribe();
            res.end();
          };
          req.signal.addEventListener('abort', close, { once: true });
          res.on('close', close);
        },
      },
    ],
    async stop() {
      await queue.idle();
    },
  };

  function defaultReviewer(space: SpaceId, deps: ModelCallDeps): Reviewer {
    const team = teamOf(space);
    if (!deps.config.teams.some((t) => t.id === team)) return new HeuristicReviewer();
    const model = teamSettings(deps.config, team, deps.promoted).modelFor('review');
    return reviewerForTeam(team, deps, model.name, model.spec.provider);
  }
}
