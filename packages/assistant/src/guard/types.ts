import type { GuardPolicy } from '@ensemble/core';

export type GuardCategory = keyof GuardPolicy;

/** Where something sensitive sits in a text. Never carries the matched text itself. */
export interface Finding {
  category: GuardCategory;
  start: number;
  end: number;
  /** The detector that fired, e.g. `@secretlint/secretlint-rule-github` or `luhn`. */
  detector: string;
}

export interface GuardResult {
  text: string;
  findings: Finding[];
}
