import {
  EnsembleError,
  ErrorCode,
  type PersonId,
  type SpaceId,
  type SpaceMemory,
  type Surface,
} from '@ensemble/core';
import { guardText } from '../guard/guard-text.js';
import type { ContextBlock } from '../providers/types.js';
import { teamSettings } from '../team-settings.js';
import { type AnswerCache, cacheKey } from './answer-cache.js';
import { checkCitations } from './citations.js';
import { callModel, type ModelCallDeps, requireModel } from './model-call.js';
import { recordOpenQuestion } from './open-question.js';
import { ANSWER_SYSTEM } from './prompt.js';
import type { Hit, Retriever } from './retriever.js';
import type { AnswerEvent, AnswerResult, AnswerReview, AnswerSource } from './types.js';
import { whoShouldKnow } from './who-should-know.js';

const QUESTION_MAX = 4_000;

export interface AnswerRequest {
  question: string;
  team: string;
  asker: PersonId;
  /** Spaces the asker may read (from their token); narrowed to the team's own and shared spaces. */
  spaces: readonly SpaceId[];
  surface?: Surface;
  signal?: AbortSignal;
  /** Answer with this configured model instead of the team's answer model (the eval uses it). */
  model?: string;
  /** Skip memory writes and the cache (the eval uses it). */
  dryRun?: boolean;
}

/** Hook for issue 5's cross-check of drafted answers; an empty list skips the step. */
export interface AnswerReviewer {
  review(
    draft: { team: string; question: string; text: string; sources: AnswerSource[] },
    signal: AbortSignal,
  ): Promise<AnswerReview[]>;
}

export interface AnswerDeps extends ModelCallDeps {
  retriever: Retriever;
  memoryOf: (space: SpaceId) => SpaceMemory | undefined;
  cache?: AnswerCache;
  reviewers?: readonly AnswerReviewer[];
}

/** retrieve → draft → (cross-check) → cite → name owners, streaming events as it goes. */
export async function answer(
  req: AnswerRequest,
  deps: AnswerDeps,
  emit: (event: AnswerEvent) => void = () => {},
): Promise<AnswerResult> {
  const settings = teamSettings(deps.config, req.team, deps.promoted);
  if (req.question.trim().length === 0 || req.question.length > QUESTION_MAX) {
    throw new EnsembleError(ErrorCode.InvalidInput, `Ask a question of 1 to ${QUESTION_MAX} characters.`);
  }
  const question = (await guardText(req.question.trim(), settings.guard)).text;
  const model = req.model
    ? { name: req.model, spec: requireModel(deps.config, req.model) }
    : settings.modelFor('answer');
  const reach = new Set<SpaceId>([settings.space, ...settings.team.readsFrom]);
  const spaces = [...new Set(req.spaces)].filter((s) => reach.has(s)).sort();

  const key = cacheKey({ team: req.team, question, model: model.name, spaces });
  const cached = req.dryRun ? undefined : deps.cache?.get(key, deps.memoryOf);
  if (cached) {
    const result = { ...cached, cached: true };
    emit({ type: 'delta', text: result.text });
    emit({ type: 'sources', sources: result.sources, owners: result.owners });
    emit({ type: 'done', result });
    return result;
  }

  const hits = await deps.retriever.search({
    query: question,
    spaces,
    limit: deps.config.assistant.retrievalLimit,
  });
  const relevant = hits.filter((h) => h.score >= deps.config.assistant.minRelevance);
  if (relevant.length === 0) return answerUncovered(req, deps, question, model.name, emit);

  const context = relevant.map(toBlock);
  const signal = req.signal ?? AbortSignal.timeout(settings.budget.wallTimeMs);
  const draft = await callModel(
    {
      team: req.team,
      role: 'answer',
      model: model.name,
      signal,
      request: {
        system: ANSWER_SYSTEM,
        context,
        messages: [{ role: 'user', content: question }],
        maxTokens: settings.budget.maxOutputTokens,
      },
      onText: (text) => emit({ type: 'delta', text }),
    },
    deps,
  );

  const citations = checkCitations(draft.text, context.length);
  const citedHits =
    citations.cited.length > 0 ? citations.cited.map((n) => relevant[n - 1] as Hit) : relevant;
  const sources = citedHits.map((hit) => toSource(hit, relevant.indexOf(hit) + 1));
  const owners = [...new Set(sources.map((s) => s.owner))];
  emit({ type: 'sources', sources, owners });

  const reviews: AnswerReview[] = [];
  for (const reviewer of deps.reviewers ?? []) {
    reviews.push(
      ...(await reviewer.review({ team: req.team, question, text: citations.text, sources }, signal)),
    );
  }

  const result: AnswerResult = {
    question,
    text: citations.text,
    sources,
    owners,
    covered: true,
    droppedCitations: citations.dropped,
    reviews,
    model: model.name,
    usage: draft.usage,
    costUsd: draft.costUsd,
    latencyMs: draft.latencyMs,
    partial: draft.partial,
    ...(draft.exceeded ? { exceeded: draft.exceeded } : {}),
    cached: false,
  };
  if (!req.dryRun && !result.partial) deps.cache?.set(key, result);
  emit({ type: 'done', result });
  return result;
}

async function answerUncovered(
  req: AnswerRequest,
  deps: AnswerDeps,
  question: string,
  modelName: string,
  emit: (event: AnswerEvent) => void,
): Promise<AnswerResult> {
  const settings = teamSettings(deps.config, req.team, deps.promoted);
  const who = whoShouldKnow(settings.team, question, req.asker);
  const memory = deps.memoryOf(settings.space);
  const recorded =
    memory && !req.dryRun
      ? await recordOpenQuestion({
          memory,
          question,
          asker: req.asker,
          who,
          surface: req.surface ?? 'api',
          policy: settings.guard,
        })
      : undefined;
  const text = recorded
    ? `Nothing in memory covers this yet. ${who.owner} should know; I recorded an open question for them (${recorded.id}).`
    : `Nothing in memory covers this yet. ${who.owner} should know.`;
  const result: AnswerResult = {
    question,
    text,
    sources: [],
    owners: [who.owner],
    covered: false,
    ...(recorded
      ? { openQuestion: { space: settings.space, id: recorded.id, version: recorded.version } }
      : {}),
    droppedCitations: [],
    reviews: [],
    model: modelName,
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd: 0,
    latencyMs: 0,
    partial: false,
    cached: false,
  };
  emit({ type: 'delta', text });
  emit({ type: 'sources', sources: [], owners: result.owners });
  emit({ type: 'done', result });
  return result;
}

function toBlock(hit: Hit, index: number): ContextBlock {
  return {
    n: index + 1,
    space: hit.space,
    id: hit.item.id,
    title: hit.item.title,
    body: hit.item.body,
    owner: hit.item.owner,
  };
}

function toSource(hit: Hit, n: number): AnswerSource {
  const { item } = hit;
  return {
    n,
    space: hit.space,
    id: item.id,
    version: item.version,
    title: item.title,
    kind: item.kind,
    status: item.status,
    owner: item.owner,
    score: hit.score,
  };
}
