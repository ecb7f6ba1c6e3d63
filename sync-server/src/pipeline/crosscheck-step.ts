import type { CrossChecker } from '@ensemble/crosscheck';
import type { Logger } from '@ensemble/runtime';
import type { PipelineStep } from './step.js';

/** Asks the other teams' assistants about the item; reviews and conflicts are recorded by the checker. */
export function crossCheckStep(checker: CrossChecker, logger: Logger): PipelineStep {
  return {
    name: 'cross-check',
    timeoutMs: 120_000,
    async run({ space, item }) {
      if (!item || item.kind === 'review' || item.kind === 'conflict') return undefined;
      const outcome = await checker.check(space, item.id);
      if (outcome.reviewsCreated.length > 0 || outcome.conflictsCreated.length > 0) {
        logger.info('cross_checked', {
          space,
          item: item.id,
          reviews: outcome.reviewsCreated.length,
          conflicts: outcome.conflictsCreated.length,
        });
      }
      return undefined;
    },
  };
}
