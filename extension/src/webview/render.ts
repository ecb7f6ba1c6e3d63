import type { AnswerCheck, AnswerSource } from '@ensemble/core';
import type { CitationTarget } from '../protocol.js';

/** Pure view-model helpers for the chat: the DOM code only turns their output into elements. */

export type Segment = { kind: 'text'; text: string } | { kind: 'cite'; n: number; source: AnswerSource };

/** Splits answer text at `[n]` markers that name a known source; unknown numbers stay plain text. */
export function splitCitations(text: string, sources: readonly AnswerSource[]): Segment[] {
  const byN = new Map(sources.map((s) => [s.n, s]));
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d{1,3})\]/g)) {
    const source = byN.get(Number(match[1]));
    if (!source || match.index === undefined) continue;
    if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
    segments.push({ kind: 'cite', n: source.n, source });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** Where a citation leads: a Slack or web link opens outside, a file opens at its line. */
export function citationTarget(source: AnswerSource): CitationTarget | undefined {
  if (source.link) return { link: source.link };
  if (source.path) return { path: source.path, ...(source.line ? { line: source.line } : {}) };
  return undefined;
}

export function citationLabel(source: AnswerSource): string {
  if (source.path) return source.line ? `${source.path}:${source.line}` : source.path;
  if (source.link?.includes('slack.com')) return 'Slack thread';
  if (source.link) return 'link';
  return source.space;
}

export function ownersLine(owners: readonly string[]): string {
  return owners.length === 0
    ? 'No owner yet'
    : `Owner${owners.length > 1 ? 's' : ''}: ${owners.map((o) => `@${o}`).join(', ')}`;
}

export type BadgeTone = 'ok' | 'info' | 'warn';

export interface Badge {
  label: string;
  tone: BadgeTone;
  title: string;
}

const verdictBadge: Record<AnswerCheck['verdict'], { label: string; tone: BadgeTone }> = {
  consistent: { label: 'consistent', tone: 'ok' },
  duplicate: { label: 'duplicate', tone: 'info' },
  supersedes: { label: 'supersedes', tone: 'info' },
  conflicts: { label: 'conflict', tone: 'warn' },
};

/** A cross-check badge names the team whose assistant checked, e.g. "payments: consistent". */
export function checkBadge(check: AnswerCheck): Badge {
  const team = check.reviewer.replace(/^assistant:[^/]+\//, '');
  const { label, tone } = verdictBadge[check.verdict];
  return { label: `${team}: ${label}`, tone, title: check.rationale };
}

/** The line shown under an answer for each conflict, naming who has to settle it. */
export function conflictLine(check: AnswerCheck): string | undefined {
  if (check.verdict !== 'conflicts') return undefined;
  if (!check.related) return `Conflict found by ${check.reviewer}: ${check.rationale}`;
  const { title, space, owner } = check.related;
  return `Conflicts with “${title}” in ${space} (owner @${owner}): ${check.rationale}`;
}
