import type { Item } from '@ensemble/core';
import { heuristicVerdict, type Statement, type VerdictResult } from './heuristic.js';
import type { Reviewer } from './ports.js';

/** The offline reviewer every team has when no review model is configured. */
export class HeuristicReviewer implements Reviewer {
  readonly judge = 'heuristic';

  async review(subject: Statement, related: Item): Promise<VerdictResult> {
    return heuristicVerdict(subject, related);
  }
}
