import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { Finding } from './types.js';

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';

const config = {
  rules: [
    {
      id: PRESET_ID,
      rule: recommendedPreset,
      rules: [
        // Bare access key ids (AKIA...) are off by default in the preset; here they must be caught.
        { id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } },
        // A `secretlint-disable` comment inside a message must not switch the guard off.
        { id: '@secretlint/secretlint-rule-filter-comments', disabled: true },
      ],
    },
  ],
};

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
    pattern:
      /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\s*[:=]\s*["']?([^\s"',;]{8,})/gi,
    group: 1,
  },
];

/** Secretlint reports some secrets with a range shorter than the token; cover the whole token. */
function extendToTokenEnd(text: string, end: number): number {
  let i = end;
  while (i < text.length && !/[\s"'`,;)}\]>]/.test(text[i] as string)) i++;
  return i;
}

export async function detectSecrets(text: string): Promise<Finding[]> {
  const result = await lintSource({
    source: { content: text, filePath: 'memory.txt', ext: '.txt', contentType: 'text' },
    options: { config, noPhysicFilePath: true, maskSecrets: true },
  });
  const found: Finding[] = result.messages.map((m) => ({
    category: 'secret',
    start: m.range[0],
    end: extendToTokenEnd(text, m.range[1]),
    detector: m.ruleId,
  }));
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
