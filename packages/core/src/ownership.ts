import { z } from 'zod';
import { PersonId } from './person.js';
import { strictConfig } from './strict-config.js';

/**
 * CODEOWNERS-like rules: a pattern over paths (`src/payments/**`) or tags (`tag:payments`)
 * names the people who own matching items. As in CODEOWNERS, the last matching rule wins.
 */
export const OwnershipRule = strictConfig({
  pattern: z.string().min(1).max(500),
  owners: z.array(PersonId).min(1),
});
export type OwnershipRule = z.infer<typeof OwnershipRule>;

export interface OwnershipSubject {
  path?: string | undefined;
  tags?: readonly string[] | undefined;
}

export function matchingOwners(
  rules: readonly OwnershipRule[],
  subject: OwnershipSubject,
): PersonId[] | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i];
    if (rule && ruleMatches(rule.pattern, subject)) return rule.owners;
  }
  return undefined;
}

/** Explicit owner first, then the rules, then whoever recorded it (if a person), then the team default. */
export function resolveOwner(input: {
  explicit?: PersonId | undefined;
  rules: readonly OwnershipRule[];
  subject: OwnershipSubject;
  recordedBy?: PersonId | undefined;
  teamDefault?: PersonId | undefined;
}): PersonId | undefined {
  return (
    input.explicit ?? matchingOwners(input.rules, input.subject)?.[0] ?? input.recordedBy ?? input.teamDefault
  );
}

function ruleMatches(pattern: string, subject: OwnershipSubject): boolean {
  if (pattern.startsWith('tag:')) {
    const tagPattern = globToRegExp(pattern.slice(4));
    return (subject.tags ?? []).some((t) => tagPattern.test(t));
  }
  if (!subject.path) return false;
  const path = subject.path.replace(/^\.?\//, '');
  const anchored = pattern.startsWith('/')
    ? pattern.slice(1)
    : pattern.includes('/')
      ? pattern
      : `**/${pattern}`;
  const dirPattern = anchored.endsWith('/') ? `${anchored}**` : anchored;
  const re = globToRegExp(dirPattern);
  return re.test(path) || globToRegExp(`${dirPattern}/**`).test(path);
}

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
