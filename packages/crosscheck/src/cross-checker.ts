import {
  assistantOf,
  EnsembleError,
  ErrorCode,
  type Item,
  type ItemRef,
  isEnsembleError,
  type SpaceId,
  type SpaceMemory,
  type Verdict,
} from '@ensemble/core';
import { fingerprint } from './fingerprint.js';
import type { Statement, VerdictResult } from './heuristic.js';
import { KeyedQueue } from './keyed-queue.js';
import type { RelatedFinder, RelatedItem, Reviewer, SpaceOpener } from './ports.js';

export interface CrossCheckerOptions extends SpaceOpener {
  finder: RelatedFinder;
  reviewerFor(space: SpaceId): Reviewer;
  /** The spaces whose assistants take part in checking items of `space`. */
  peersOf(space: SpaceId): SpaceId[];
  /** Related items reviewed per check; bounds model calls per change. */
  maxRelated?: number;
  /** Wall time for one reviewer verdict. */
  reviewTimeoutMs?: number;
}

export interface Judgement {
  related: RelatedItem;
  reviewer: string;
  judge: string;
  result: VerdictResult;
}

export interface CrossCheckOutcome {
  subject: ItemRef;
  skipped?: 'gone' | 'invalid' | 'not-checked-kind' | 'inactive';
  judgements: Judgement[];
  reviewsCreated: Item[];
  conflictsCreated: Item[];
}

const CHECKED_KINDS = new Set<Item['kind']>(['decision', 'context', 'question', 'action']);
const REVIEWABLE_KINDS = new Set<Item['kind']>(['decision', 'context']);

/**
 * Cross-checks an item against what other teams recorded: each affected team's reviewer gives a
 * verdict, recorded as a `review` item in that team's space; a conflict becomes a `conflict` item
 * in the subject's space naming both owners. Idempotent: a subject's content is reviewed once
 * against each related item, however often the hub restarts or the item's status changes.
 */
export class CrossChecker {
  private readonly queue = new KeyedQueue();
  private readonly maxRelated: number;
  private readonly reviewTimeoutMs: number;

  constructor(private readonly options: CrossCheckerOptions) {
    this.maxRelated = options.maxRelated ?? 5;
    this.reviewTimeoutMs = options.reviewTimeoutMs ?? 15_000;
  }

  check(space: SpaceId, id: string): Promise<CrossCheckOutcome> {
    return this.queue.run(`${space}#${id}`, () => this.checkNow(space, id));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Judges a statement (e.g. a drafted answer) without recording anything. */
  async judge(statement: Statement, ownSpace: SpaceId, signal?: AbortSignal): Promise<Judgement[]> {
    const judgements: Judgement[] = [];
    for (const rel of await this.findRelated(statement, ownSpace)) {
      signal?.throwIfAborted();
      judgements.push(await this.review(statement, rel));
    }
    return judgements;
  }

  private async checkNow(space: SpaceId, id: string): Promise<CrossCheckOutcome> {
    const memory = await this.options.openSpace(space);
    const outcome: CrossCheckOutcome = {
      subject: { space, id },
      judgements: [],
      reviewsCreated: [],
      conflictsCreated: [],
    };
    let item: Item | undefined;
    try {
      item = memory.get(id);
    } catch (e) {
      if (isEnsembleError(e) && e.code === ErrorCode.InvalidItem) return { ...outcome, skipped: 'invalid' };
      throw e;
    }
    if (!item) return { ...outcome, skipped: 'gone' };
    if (!CHECKED_KINDS.has(item.kind)) return { ...outcome, skipped: 'not-checked-kind' };
    if (item.status === 'superseded' || item.status === 'rejected')
      return { ...outcome, skipped: 'inactive' };
    outcome.subject.version = item.version;

    const print = fingerprint(item);
    for (const related of await this.findRelated(item, space)) {
      const relatedMemory = await this.options.openSpace(related.space);
      const earlier = findReview(relatedMemory, item.id, related.item.id, print);
      const judgement = earlier ? fromReview(related, earlier) : await this.review(item, related);
      outcome.judgements.push(judgement);
      if (!earlier)
        outcome.reviewsCreated.push(this.recordReview(relatedMemory, item, space, print, judgement));
      if (judgement.result.verdict === 'conflicts') {
        const conflict = this.recordConflict(memory, item, judgement);
        if (conflict) outcome.conflictsCreated.push(conflict);
      }
    }
    return outcome;
  }

  private async findRelated(statement: Statement, ownSpace: SpaceId): Promise<RelatedItem[]> {
    const related = await this.options.finder.related({
      statement,
      exclude: ownSpace,
      spaces: this.options.peersOf(ownSpace).filter((s) => s !== ownSpace),
      limit: this.maxRelated,
    });
    return related
      .filter((r) => r.space !== ownSpace && REVIEWABLE_KINDS.has(r.item.kind))
      .slice(0, this.maxRelated);
  }

  private async review(statement: Statement, related: RelatedItem): Promise<Judgement> {
    const reviewer = this.options.reviewerFor(related.space);
    const signal = AbortSignal.timeout(this.reviewTimeoutMs);
    const result = await reviewer.review(statement, related.item, signal);
    if (signal.aborted) {
      throw new EnsembleError(
        ErrorCode.BudgetExceeded,
        `Review by ${related.space} took longer than ${this.reviewTimeoutMs} ms.`,
      );
    }
    return { related, reviewer: assistantOf(related.space).id, judge: reviewer.judge, result };
  }

  private recordReview(
    memory: SpaceMemory,
    subject: Item,
    space: SpaceId,
    print: string,
    judgement: Judgement,
  ): Item {
    const { related } = judgement;
    const verdict: Verdict = judgement.result.verdict;
    return memory.create(
      {
        kind: 'review',
        title: `${verdictLabel(verdict)} "${truncate(related.item.title, 70)}": "${truncate(subject.title, 70)}" (${space})`,
        body: judgement.result.rationale,
        owner: related.item.owner,
        source: { surface: 'hub' },
        tags: ['cross-check', `verdict:${verdict}`],
        review: {
          subject: { space, id: subject.id, version: subject.version },
          related: { space: related.space, id: related.item.id, version: related.item.version },
          verdict,
          reviewer: assistantOf(related.space).id as `assistant:${string}`,
          rationale: judgement.result.rationale,
          fingerprint: print,
          judge: judgement.judge,
        },
      },
      assistantOf(related.space),
    );
  }

  private recordConflict(memory: SpaceMemory, subject: Item, judgement: Judgement): Item | undefined {
    const { related } = judgement;
    const open = memory
      .list({ kind: 'conflict' })
      .some(
        (c) =>
          !c.conflict?.resolution &&
          c.conflict?.sides[0].id === subject.id &&
          c.conflict.sides[1].id === related.item.id,
      );
    if (open) return undefined;
    const conflict = memory.create(
      {
        kind: 'conflict',
        title: `Conflict: "${truncate(subject.title, 70)}" (${memory.space}) vs "${truncate(related.item.title, 70)}" (${related.space})`,
        body: `${judgement.result.rationale} Owners: ${subject.owner} and ${related.item.owner}. Resolve by keeping one, superseding the other, or letting both stand with a stated scope.`,
        owner: subject.owner,
        source: { surface: 'hub' },
        tags: ['cross-check'],
        conflict: {
          sides: [
            { space: memory.space, id: subject.id, version: subject.version, owner: subject.owner },
            {
              space: related.space,
              id: related.item.id,
              version: related.item.version,
              owner: related.item.owner,
            },
          ],
        },
      },
      assistantOf(memory.space),
    );
    memory.dispute(subject.id, assistantOf(memory.space));
    return conflict;
  }
}

function findReview(
  memory: SpaceMemory,
  subjectId: string,
  relatedId: string,
  print: string,
): Item | undefined {
  return memory
    .list({ kind: 'review' })
    .find(
      (r) =>
        r.review?.subject.id === subjectId &&
        r.review.related.id === relatedId &&
        r.review.fingerprint === print,
    );
}

function fromReview(related: RelatedItem, review: Item): Judgement {
  const details = review.review as NonNullable<Item['review']>;
  return {
    related,
    reviewer: details.reviewer,
    judge: details.judge ?? 'heuristic',
    result: { verdict: details.verdict, confidence: 1, rationale: details.rationale },
  };
}

function verdictLabel(verdict: Verdict): string {
  return {
    consistent: 'Consistent',
    duplicate: 'Duplicate',
    supersedes: 'Supersedes',
    conflicts: 'Conflicts',
  }[verdict];
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
