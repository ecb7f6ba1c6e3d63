import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { Finding } from './types.js';

/** Bare access key ids (AKIA...) are off by default in the preset; here they must be caught. */
const RULE_OPTIONS: Record<string, unknown> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};
/** A `secretlint-disable` comment inside a message must not switch the guard off. */
const SKIPPED_RULES = new Set(['@secretlint/secretlint-rule-filter-comments']);

interface Report {
  range: readonly [number, number];
}

/**
 * Runs secretlint's recommended rules over a text, synchronously, so the guard can sit in
 * SpaceMemory's synchronous write hook. This is what @secretlint/core's lintSource does
 * (create each rule with a context, call its `file` handler) minus the async event plumbing;
 * the only asynchronous rule reads a .p12 file from disk, which a text never is.
 */
function secretlintFindings(text: string): Finding[] {
  const found: Finding[] = [];
  const source = { content: text, contentType: 'text', ext: '.txt', filePath: undefined };
  const translate = (messageId: string, data?: unknown) => ({ message: messageId, messageId, data });
  for (const rule of recommendedRules) {
    const ruleId = rule.meta.id;
    if (SKIPPED_RULES.has(ruleId)) continue;
    const context = {
      sharedOptions: {},
      createTranslator: () => translate,
      report: ({ range }: Report) =>
        found.push({
          category: 'secret',
          start: range[0],
          end: extendToTokenEnd(text, range[1]),
          detector: ruleId,
        }),
      ignore: () => undefined,
    };
    const handlers = rule.create(context as never, (RULE_OPTIONS[ruleId] ?? {}) as never) as {
      file?: (s: unknown) => unknown;
    };
    const pending = handlers.file?.(source);
    if (pending instanceof Promise) pending.catch(() => undefined);
  }
  return found;
}

/**
 * Credentials secretlint's recommended preset does not cover (checked against it); each is a
 * documented, fixed-prefix format, so these stay precise.
 */
const EXTRA_PATTERNS: { detector: string; pattern: RegExp; group?: number }[] = [
  { detector: 'stripe-key', pattern: /\b[sr]k_(?:live|test)_[0-9A-Za-z]{20,}\b/g },
  { detector: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { detector: 'gitlab-token', pattern: /\bglpat-[0-9A-Za-z_-]{20,}\b/g },
  { detector: 'jwt', pattern: /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/g },
  {
    detector: 'assigned-credential',
    // A reference to where the secret lives (process.env.X, ${VAR}) is not itself a secret.
    pattern:
      /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\s*[:=]\s*["']?(?!process\.env|os\.environ|\$\{|<)([^\s"',;]{8,})/gi,
    group: 1,
  },
];

/** Secretlint reports some secrets with a range shorter than the token; cover the whole token. */
function extendToTokenEnd(text: string, end: number): number {
  let i = end;
  while (i < text.length && !/[\s"'`,;)}\]>]/.test(text[i] as string)) i++;
  return i;
}

export function detectSecrets(text: string): Finding[] {
  const found = secretlintFindings(text);
  for (const { detector, pattern, group } of EXTRA_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const whole = m.index ?? 0;
      const value = group ? (m[group] ?? '') : m[0];
      const start = group ? whole + m[0].lastIndexOf(value) : whole;
      found.push({ category: 'secret', start, end: start + value.length, detector });
    }
  }
  return found;
}
