import type { AnswerCheck, AnswerSource } from '@ensemble/core';
import { describe, expect, it } from 'vitest';
import {
  checkBadge,
  citationLabel,
  citationTarget,
  conflictLine,
  ownersLine,
  splitCitations,
} from '../../src/webview/render.js';

const src = (n: number, over: Partial<AnswerSource> = {}): AnswerSource => ({
  n,
  space: 'acme/platform',
  id: `01JB00000000000000000000${String(n).padStart(2, '0')}`,
  kind: 'decision',
  title: `Decision ${n}`,
  owner: 'alice',
  status: 'accepted',
  ...over,
});

describe('chat rendering helpers', () => {
  it('turns [n] markers of known sources into citations and leaves unknown numbers as text', () => {
    const segments = splitCitations('Use PostgreSQL [1], not MySQL [7]. See [2]', [src(1), src(2)]);
    expect(segments.map((s) => (s.kind === 'text' ? s.text : `<${s.n}>`)).join('')).toBe(
      'Use PostgreSQL <1>, not MySQL [7]. See <2>',
    );
  });

  it('opens Slack links outside and files at their line', () => {
    const slack = src(1, { link: 'https://acme.slack.com/archives/C1/p1' });
    expect(citationTarget(slack)).toEqual({ link: 'https://acme.slack.com/archives/C1/p1' });
    expect(citationLabel(slack)).toBe('Slack thread');
    const file = src(2, { path: 'src/db.ts', line: 12 });
    expect(citationTarget(file)).toEqual({ path: 'src/db.ts', line: 12 });
    expect(citationLabel(file)).toBe('src/db.ts:12');
    expect(citationTarget(src(3))).toBeUndefined();
  });

  it('names owners', () => {
    expect(ownersLine(['alice'])).toBe('Owner: @alice');
    expect(ownersLine(['alice', 'bob'])).toBe('Owners: @alice, @bob');
    expect(ownersLine([])).toBe('No owner yet');
  });

  it('labels cross-checks by the checking team and spells out conflicts with their owner', () => {
    const conflict: AnswerCheck = {
      reviewer: 'assistant:acme/payments',
      verdict: 'conflicts',
      rationale: 'Payments recorded MySQL for orders.',
      related: {
        space: 'acme/payments',
        id: '01JB0000000000000000000099',
        title: 'Orders on MySQL',
        owner: 'bob',
      },
    };
    expect(checkBadge(conflict)).toEqual({
      label: 'payments: conflict',
      tone: 'warn',
      title: conflict.rationale,
    });
    expect(conflictLine(conflict)).toBe(
      'Conflicts with “Orders on MySQL” in acme/payments (owner @bob): Payments recorded MySQL for orders.',
    );
    const ok: AnswerCheck = {
      reviewer: 'assistant:acme/payments',
      verdict: 'consistent',
      rationale: 'Matches.',
    };
    expect(checkBadge(ok).tone).toBe('ok');
    expect(conflictLine(ok)).toBeUndefined();
  });
});
