import type { AnswerEvent } from '@ensemble/core';
import { teamSettings } from '../team-settings.js';
import type { AnswerDeps, AnswerRequest } from './answer.js';
import { recordOpenQuestion } from './open-question.js';
import { type AnswerResult, toWireAnswer } from './types.js';
import { whoShouldKnow } from './who-should-know.js';

/** Nothing relevant was found: say so, name who should know, and record the open question. */
export async function answerUncovered(
  req: AnswerRequest,
  deps: AnswerDeps,
  question: string,
  modelName: string,
  emit: (event: AnswerEvent) => void,
): Promise<AnswerResult> {
  const settings = teamSettings(deps.config, req.team, deps.promoted);
  const who = whoShouldKnow(settings.team, question, req.asker, req.about);
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
    checks: [],
    owners: [who.owner],
    covered: false,
    ...(recorded ? { openQuestion: { space: settings.space, id: recorded.id, owner: recorded.owner } } : {}),
    droppedCitations: [],
    model: modelName,
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd: 0,
    latencyMs: 0,
    partial: false,
    cached: false,
  };
  emit({ type: 'delta', text });
  emit({ type: 'sources', sources: [] });
  emit({ type: 'done', answer: toWireAnswer(result) });
  return result;
}
