import type { Verdict } from '@ensemble/core';
import { type Choices, choicesIn, optionWords } from './choices.js';
import { quantitiesIn } from './quantities.js';
import { differentScopes } from './scopes.js';
import { containment, contentWords, isNegated, jaccard, tokenize, without } from './text.js';

export interface Statement {
  title: string;
  body: string;
}

export interface VerdictResult {
  verdict: Verdict;
  /** 0..1, how sure the heuristic is; model reviewers report their own. */
  confidence: number;
  rationale: string;
}

const OPTION_WORDS = optionWords();
/** Explicit wording that a statement replaces an earlier one. */
const REPLACEMENT_CUES = [
  'supersede',
  'supersedes',
  'replaces',
  'replace',
  'no longer',
  'instead of',
  'migrate from',
  'move from',
  'moving from',
  'move away',
  'switch from',
  'switching from',
];

/**
 * The offline cross-check: a deterministic judgement of how `subject` (new or changed) relates
 * to `related` (recorded by another team). It catches duplicates and clear contradictions:
 * different options or values for the same subject, and negation of the same statement.
 */
export function heuristicVerdict(subject: Statement, related: Statement): VerdictResult {
  const a = `${subject.title}. ${subject.body}`;
  const b = `${related.title}. ${related.body}`;
  const wordsA = contentWords(a);
  const wordsB = contentWords(b);
  const topicA = without(wordsA, OPTION_WORDS);
  const topicB = without(wordsB, OPTION_WORDS);
  const topicOverlap = Math.max(jaccard(topicA, topicB), 0.8 * containment(topicA, topicB));
  const replaces = REPLACEMENT_CUES.some((cue) => a.toLowerCase().includes(cue));

  const contradiction = contradictionBetween(a, b, topicOverlap);
  if (contradiction) {
    return replaces
      ? {
          verdict: 'supersedes',
          confidence: contradiction.confidence,
          rationale: `Replaces it: ${contradiction.reason}.`,
        }
      : {
          verdict: 'conflicts',
          confidence: contradiction.confidence,
          rationale: `${capitalize(contradiction.reason)}.`,
        };
  }

  const similarity = Math.max(jaccard(wordsA, wordsB), 0.75 * containment(wordsA, wordsB));
  const titleSimilarity = jaccard(contentWords(subject.title), contentWords(related.title));
  if (similarity >= 0.5 || (titleSimilarity >= 0.75 && similarity >= 0.35)) {
    return {
      verdict: 'duplicate',
      confidence: Math.min(1, similarity + 0.2),
      rationale: `Says the same thing (${Math.round(similarity * 100)}% shared wording).`,
    };
  }
  return {
    verdict: 'consistent',
    confidence: 1 - Math.min(1, topicOverlap),
    rationale:
      topicOverlap < 0.2 ? 'About a different subject.' : 'Related, with nothing contradictory found.',
  };
}

function contradictionBetween(
  a: string,
  b: string,
  topicOverlap: number,
): { reason: string; confidence: number } | undefined {
  if (differentScopes(a, b)) return undefined;
  const choice = choiceConflict(choicesIn(a), choicesIn(b), topicOverlap);
  if (choice) return choice;

  for (const qa of quantitiesIn(a)) {
    for (const qb of quantitiesIn(b)) {
      if (qa.kind !== qb.kind || qa.value === qb.value) continue;
      if (
        jaccard(qa.about, qb.about) >= 0.34 ||
        (topicOverlap >= 0.45 && qa.about.size + qb.about.size > 0)
      ) {
        return { reason: `different values for the same ${qa.kind} setting`, confidence: 0.75 };
      }
    }
  }

  if (topicOverlap >= 0.5 && isNegated(a) !== isNegated(b) && !mentionsBothSides(a, b)) {
    return { reason: 'one statement negates the other', confidence: 0.6 + 0.3 * Math.min(1, topicOverlap) };
  }
  return undefined;
}

function choiceConflict(
  a: Choices,
  b: Choices,
  topicOverlap: number,
): { reason: string; confidence: number } | undefined {
  for (const [category, pickedA] of a.chosen) {
    const pickedB = b.chosen.get(category);
    const rejectedB = b.rejected.get(category);
    const rejectedByB = [...pickedA].find((x) => rejectedB?.has(x));
    if (rejectedByB && topicOverlap >= 0.15) {
      return { reason: `one picks ${rejectedByB} where the other turns it down`, confidence: 0.8 };
    }
    if (!pickedB || pickedA.size === 0 || pickedB.size === 0) continue;
    const shared = [...pickedA].some((x) => pickedB.has(x));
    if (!shared && topicOverlap >= 0.25) {
      return {
        reason: `different ${category} choices for the same subject (${[...pickedA].join(', ')} vs ${[...pickedB].join(', ')})`,
        confidence: 0.55 + 0.4 * Math.min(1, topicOverlap),
      };
    }
  }
  for (const [category, rejectedA] of a.rejected) {
    const pickedB = b.chosen.get(category);
    const hit = pickedB && [...rejectedA].find((x) => pickedB.has(x));
    if (hit && topicOverlap >= 0.15)
      return { reason: `one turns down ${hit} where the other picks it`, confidence: 0.8 };
  }
  return undefined;
}

/** "We do X, not Y" on one side reads as negated but is not a denial of the other statement. */
function mentionsBothSides(a: string, b: string): boolean {
  const ta = tokenize(a);
  const tb = tokenize(b);
  return ta.includes('but') && tb.includes('but');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
