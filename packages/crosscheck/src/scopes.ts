import { tokenize } from './text.js';

/**
 * Qualifiers that split one subject into separate scopes. "Internal APIs use gRPC" and
 * "the public API is REST" talk about different APIs, so different choices do not conflict.
 */
const SCOPE_FAMILIES: string[][] = [
  ['internal', 'public', 'external', 'partner'],
  ['frontend', 'backend', 'mobile', 'web', 'ios', 'android', 'desktop'],
  ['staging', 'production', 'development', 'dev', 'prod', 'test'],
  ['application', 'audit', 'access', 'debug', 'security'],
  ['customer', 'employee', 'internal'],
  ['batch', 'realtime', 'streaming', 'interactive'],
  ['read', 'write'],
];

/** True when each statement names a qualifier of one family that the other does not. */
export function differentScopes(a: string, b: string): boolean {
  const ta = new Set(tokenize(a));
  const tb = new Set(tokenize(b));
  return SCOPE_FAMILIES.some((family) => {
    const onlyA = family.some((w) => ta.has(w) && !tb.has(w));
    const onlyB = family.some((w) => tb.has(w) && !ta.has(w));
    return onlyA && onlyB;
  });
}
