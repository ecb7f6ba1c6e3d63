import type { AnswerReview, AnswerReviewer, AnswerSource } from '@ensemble/assistant';
import type { SpaceId } from '@ensemble/core';
import type { CrossChecker } from './cross-checker.js';

/**
 * Cross-checks a drafted answer before it is posted: the assistants of other teams judge it
 * against what they recorded, exactly as they judge a new decision. Nothing is recorded; the
 * verdicts travel with the answer, naming the owner of any item it conflicts with.
 */
export class CrossCheckAnswerReviewer implements AnswerReviewer {
  constructor(
    private readonly checker: () => CrossChecker | undefined,
    private readonly spaceOfTeam: (team: string) => SpaceId,
  ) {}

  async review(
    draft: { team: string; question: string; text: string; sources: AnswerSource[] },
    signal: AbortSignal,
  ): Promise<AnswerReview[]> {
    const checker = this.checker();
    if (!checker || draft.text.trim() === '') return [];
    const cited = new Set(draft.sources.map((s) => `${s.space}#${s.id}`));
    const judgements = await checker.judge(
      { title: draft.question, body: draft.text },
      this.spaceOfTeam(draft.team),
      signal,
    );
    return judgements
      .filter((j) => !cited.has(`${j.related.space}#${j.related.item.id}`))
      .map((j) => {
        const conflicting = j.result.verdict === 'conflicts' || j.result.verdict === 'supersedes';
        const item = j.related.item;
        return {
          reviewer: j.reviewer,
          verdict: conflicting ? 'conflicts' : 'consistent',
          // The asker may not read that space: name its owner, not its content; the answer
          // pipeline adds the title only where the asker may read it.
          note: conflicting
            ? `${j.result.rationale} Conflicts with an item of ${j.related.space} owned by ${item.owner}.`
            : j.result.rationale,
          related: [{ space: j.related.space, id: item.id, version: item.version }],
        } satisfies AnswerReview;
      });
  }
}
