import {
  type AnswerEvent,
  type AnswerSource,
  type AskTurn,
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
import { answerUncovered } from './answer-uncovered.js';
import { checkCitations } from './citations.js';
import { callModel, type ModelCallDeps, requireModel } from './model-call.js';
import { ANSWER_SYSTEM } from './prompt.js';
import type { Hit, Retriever } from './retriever.js';
import { reviewsToChecks } from './review-checks.js';
import { threadMessages } from './thread.js';
import { type AnswerResult, type AnswerReview, toWireAnswer } from './types.js';

const QUESTION_MAX = 4_000;

export interface AnswerRequest {
  question: string;
  team: string;
  asker: PersonId;
  /** Spaces the asker may read (from their token); narrowed to the team's own and shared spaces. */
  spaces: readonly SpaceId[];
  surface?: Surface;
  /** Earlier turns of the same thread, oldest first; follow-ups are never served from cache. */
  thread?: readonly AskTurn[];
  /** Paths or tags the question is about (e.g. the open file), for the ownership rules. */
  about?: { path?: string | undefined; tags?: readonly string[] | undefined };
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
  const question = guardText(req.question.trim(), settings.guard).text;
  const model = req.model
    ? { name: req.model, spec: requireModel(deps.config, req.model) }
    : settings.modelFor('answer');
  const reach = new Set<SpaceId>([settings.space, ...settings.team.readsFrom]);
  const spaces = [...new Set(req.spaces)].filter((s) => reach.has(s)).sort();

  const key = cacheKey({ team: req.team, question, model: model.name, spaces });
  const cacheable = !req.dryRun && (req.thread ?? []).length === 0;
  const cached = cacheable ? deps.cache?.get(key, deps.memoryOf) : undefined;
  if (cached) {
    const result = { ...cached, cached: true };
    emit({ type: 'delta', text: result.text });
    emit({ type: 'sources', sources: result.sources });
    if (result.checks.length > 0) emit({ type: 'checks', checks: result.checks });
    emit({ type: 'done', answer: toWireAnswer(result) });
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
        messages: threadMessages(req.thread ?? [], question),
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
  emit({ type: 'sources', sources });

  const reviews: AnswerReview[] = [];
  for (const reviewer of deps.reviewers ?? []) {
    reviews.push(
      ...(await reviewer.review({ team: req.team, question, text: citations.text, sources }, signal)),
    );
  }
  const checks = reviewsToChecks(reviews, deps.memoryOf);
  if (checks.length > 0) emit({ type: 'checks', checks });

  const result: AnswerResult = {
    question,
    text: citations.text,
    sources,
    checks,
    owners,
    covered: true,
    droppedCitations: citations.dropped,
    model: model.name,
    usage: draft.usage,
    costUsd: draft.costUsd,
    latencyMs: draft.latencyMs,
    partial: draft.partial,
    ...(draft.exceeded ? { exceeded: draft.exceeded } : {}),
    cached: false,
  };
  if (cacheable && !result.partial) deps.cache?.set(key, result);
  emit({ type: 'done', answer: toWireAnswer(result) });
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
    ...(item.source.link ? { link: item.source.link } : {}),
    ...(item.source.path ? { path: item.source.path } : {}),
    ...(item.source.line ? { line: item.source.line } : {}),
    ...(item.source.endLine ? { endLine: item.source.endLine } : {}),
  };
}
