import { EnsembleError, ErrorCode, type GuardPolicy, type TextGuard } from '@ensemble/core';
import { detectPii } from './pii.js';
import { detectSecrets } from './secrets.js';
import type { Finding, GuardResult } from './types.js';

/** The placeholder left where something was removed; it names only the category. */
export const redactionMark = (category: string): string => `[redacted:${category}]`;

/**
 * Finds secrets and personal data, then redacts them or refuses the text, per category.
 * Refusals and findings carry categories and offsets only, never the matched text, so they
 * are safe to log and to return to callers.
 */
export function guardText(text: string, policy: GuardPolicy): GuardResult {
  if (text.length === 0) return { text, findings: [] };
  const findings = mergeOverlaps([...detectSecrets(text), ...detectPii(text)]);
  const blocked = [...new Set(findings.filter((f) => policy[f.category] === 'block').map((f) => f.category))];
  if (blocked.length > 0) {
    throw new EnsembleError(
      ErrorCode.BlockedContent,
      `The text contains ${blocked.join(', ')} data, which this team's policy blocks. Remove it and try again.`,
      { findings },
    );
  }
  let out = '';
  let cursor = 0;
  for (const f of findings) {
    out += text.slice(cursor, f.start) + redactionMark(f.category);
    cursor = f.end;
  }
  return { text: out + text.slice(cursor), findings };
}

/** Sorted, non-overlapping ranges; a secret wins over personal data covering the same text. */
function mergeOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b));
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (rank(f) < rank(last)) last.category = f.category;
    } else out.push({ ...f });
  }
  return out;
}

function rank(f: Finding): number {
  return f.category === 'secret' ? 0 : 1;
}

/**
 * The guard as SpaceMemory's write hook (`new SpaceMemory(space, doc, { guard })`): every
 * title and body is redacted, or the write refused with `blocked_content`, before it is stored.
 */
export function createTextGuard(policy: GuardPolicy): TextGuard {
  return (text) => guardText(text, policy).text;
}
