import { type Hit, isAnswerMaterial, type Retriever } from '@ensemble/assistant';
import {
  canRead,
  EnsembleError,
  ErrorCode,
  IndexRebuildResponse,
  type Item,
  ItemKind,
  ItemStatus,
  SearchResponse,
  SpaceId,
  type SpaceMemory,
  summarize,
  type TokenClaims,
  teamSpacesOf,
} from '@ensemble/core';
import { createEmbedder, type Embedder, indexWords, RetrievalIndex, SpaceIndexer } from '@ensemble/retrieval';
import { z } from 'zod';
import type { HubContext, HubExtension } from '../extension.js';
import { assertAccess } from '../http/access.js';
import { sendJson } from '../http/respond.js';

export interface SearchExtensionOptions {
  /** Defaults to the embedder named in `retrieval.embedder`. */
  embedder?: Embedder;
  /** Where API embedders read their keys; defaults to the process environment. */
  env?: Record<string, string | undefined>;
}

/** `GET /v1/search` query parameters; `space`, `kind` and `status` may repeat. */
const SearchParams = z.object({
  q: z.string().trim().min(1, 'pass the query as ?q=…').max(1000),
  space: z.array(SpaceId).default([]),
  kind: z.array(ItemKind).default([]),
  status: z.array(ItemStatus).default([]),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/**
 * The search index as a hub extension: keeps a LanceDB index under `<dataDir>/index` in step
 * with every space (whichever surface wrote), and serves
 *
 * - `GET /v1/search?q=…[&space=org/team…][&kind=…][&status=…][&limit=n]` → `SearchResponse`.
 *   Named spaces must be readable (else 403); without any, every space the token may read is
 *   searched. Results never include an item from a space the token cannot read.
 * - `POST /v1/index/rebuild` → `IndexRebuildResponse`: drops the index and rebuilds it from the
 *   spaces of every configured team; needs write access to all of them (an admin token).
 */
export interface SearchHubExtension extends HubExtension {
  /**
   * The ask pipeline's retrieval port backed by this index:
   * `askExtension({ retriever: search.retriever })`.
   */
  retriever(memoryOf: (space: SpaceId) => SpaceMemory | undefined): Retriever;
}

export function searchExtension(options: SearchExtensionOptions = {}): SearchHubExtension {
  let hub: HubContext | undefined;
  let index: RetrievalIndex | undefined;
  let indexer: SpaceIndexer | undefined;
  let catchUp: Promise<void> | undefined;
  const ready = () => {
    if (!hub || !index || !indexer) {
      throw new EnsembleError(ErrorCode.Unavailable, 'The search index is still starting; try again.');
    }
    return { hub, index, indexer };
  };
  const teamSpaces = (ctx: HubContext) => teamSpacesOf(ctx.config);

  return {
    name: 'search',
    async start(ctx) {
      hub = ctx;
      const logger = ctx.logger.child({ extension: 'search' });
      const embedder =
        options.embedder ?? createEmbedder(ctx.config.retrieval.embedder, options.env ?? process.env);
      index = await RetrievalIndex.open({
        dataDir: ctx.config.hub.dataDir,
        embedder,
        config: ctx.config.retrieval,
        logger,
      });
      indexer = new SpaceIndexer(index, { logger });
      const live = indexer;
      // Catching up runs after start so a large first-time index never delays the hub.
      catchUp = (async () => {
        for (const space of teamSpaces(ctx)) {
          try {
            await live.reconcile(await ctx.openSpace(space));
          } catch (e) {
            logger.warn('search.catch_up_failed', { space, error: (e as Error).message.slice(0, 200) });
          }
        }
      })();
    },
    onItemsChanged({ memory, changes }) {
      indexer?.notify(
        memory,
        changes.map((c) => c.id),
      );
    },
    routes: [
      {
        method: 'GET',
        path: '/v1/search',
        async handle(req, res) {
          const { hub: ctx, index: live } = ready();
          const params = SearchParams.safeParse({
            q: req.query.get('q') ?? '',
            space: req.query
              .getAll('space')
              .flatMap((s) => s.split(','))
              .filter(Boolean),
            kind: req.query.getAll('kind'),
            status: req.query.getAll('status'),
            limit: req.query.get('limit') ?? undefined,
          });
          if (!params.success) {
            throw new EnsembleError(ErrorCode.InvalidInput, `Invalid search: ${summarize(params.error)}`);
          }
          const { q, space, kind, status, limit } = params.data;
          for (const named of space) assertAccess(req.principal, named, 'read');
          const spaces =
            space.length > 0 ? [...new Set(space)] : readableSpaces(req.principal, teamSpaces(ctx));
          const results = await live.search(
            {
              query: q,
              spaces,
              ...(limit === undefined ? {} : { limit }),
              ...(kind.length > 0 ? { kinds: kind } : {}),
              ...(status.length > 0 ? { statuses: status } : {}),
            },
            req.signal,
          );
          sendJson(res, 200, SearchResponse.parse({ spaces, results }));
        },
      },
      {
        method: 'POST',
        path: '/v1/index/rebuild',
        async handle(req, res) {
          const { hub: ctx, indexer: live } = ready();
          const spaces = teamSpaces(ctx);
          for (const space of spaces) assertAccess(req.principal, space, 'write');
          const memories = [];
          for (const space of spaces) memories.push(await ctx.openSpace(space));
          const { rows, ms } = await live.rebuild(memories);
          sendJson(res, 200, IndexRebuildResponse.parse({ spaces, rows, ms }));
        },
      },
    ],
    retriever: (memoryOf) => ({
      async search({ query, spaces, limit }) {
        const { index: live } = ready();
        const found = await live.search({ query, spaces: [...spaces], limit: Math.min(200, limit * 3) });
        const hits: Hit[] = [];
        for (const result of found) {
          const item = itemOrUndefined(memoryOf(result.space), result.id);
          if (!item || !isAnswerMaterial(item)) continue;
          hits.push({ item, space: result.space, score: coverage(query, item) });
          if (hits.length === limit) break;
        }
        return hits;
      },
    }),
    async stop() {
      await catchUp;
      await indexer?.close();
      await index?.close();
    },
  };
}

/** Every space the token may read: configured team spaces plus spaces its grants name exactly. */
function readableSpaces(principal: TokenClaims, teamSpaces: readonly SpaceId[]): SpaceId[] {
  const named = Object.keys(principal.spaces).flatMap((key) => {
    const parsed = SpaceId.safeParse(key);
    return parsed.success ? [parsed.data] : [];
  });
  return [...new Set([...teamSpaces, ...named])].filter((space) => canRead(principal.spaces, space));
}

/** The live item behind a hit; a quarantined or since-deleted one is skipped, not thrown. */
function itemOrUndefined(memory: SpaceMemory | undefined, id: string): Item | undefined {
  try {
    return memory?.get(id);
  } catch {
    return undefined;
  }
}

/**
 * Relevance in 0..1 as the ask pipeline expects it: the share of the question's words found in
 * the title and in the body. Rank-based fusion scores say "better than the others", not "covers
 * the question", and vector similarities are not comparable across embedders.
 */
function coverage(query: string, item: Item): number {
  const asked = new Set(indexWords(query));
  if (asked.size === 0) return 0;
  const share = (text: string) => {
    const present = new Set(indexWords(text));
    let n = 0;
    for (const w of asked) if (present.has(w)) n++;
    return n / asked.size;
  };
  return Math.min(1, 0.6 * share(item.title) + 0.6 * share(`${item.body} ${item.tags.join(' ')}`));
}
