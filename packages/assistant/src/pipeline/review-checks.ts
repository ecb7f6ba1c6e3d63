import { type AnswerCheck, AssistantId, type SpaceId, type SpaceMemory } from '@ensemble/core';
import type { AnswerReview } from './types.js';

/**
 * Reviews as the wire's checks. An `unsure` review says nothing an asker can act on, so it is
 * not shown; the related item is named with its title and owner when it can be read.
 */
export function reviewsToChecks(
  reviews: readonly AnswerReview[],
  memoryOf: (space: SpaceId) => SpaceMemory | undefined,
): AnswerCheck[] {
  const checks: AnswerCheck[] = [];
  for (const review of reviews) {
    const reviewer = AssistantId.safeParse(review.reviewer);
    if (!reviewer.success || review.verdict === 'unsure') continue;
    const ref = review.related?.[0];
    let related: AnswerCheck['related'];
    try {
      const item = ref ? memoryOf(ref.space)?.get(ref.id) : undefined;
      if (ref && item) related = { space: ref.space, id: item.id, title: item.title, owner: item.owner };
    } catch {
      related = undefined;
    }
    checks.push({
      reviewer: reviewer.data,
      verdict: review.verdict,
      rationale: review.note,
      ...(related ? { related } : {}),
    });
  }
  return checks;
}
