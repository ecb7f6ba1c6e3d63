import type { GuardPolicy, ItemPatch, NewItem } from '@ensemble/core';
import { guardText } from './guard-text.js';
import type { Finding } from './types.js';

const TITLE_MAX = 200;

export interface GuardedWrite<T> {
  value: T;
  findings: { field: string; category: Finding['category']; start: number; end: number }[];
}

function guardFields<T extends Record<string, unknown>>(
  value: T,
  fields: readonly string[],
  policy: GuardPolicy,
): GuardedWrite<T> {
  const out: Record<string, unknown> = { ...value };
  const findings: GuardedWrite<T>['findings'] = [];
  for (const field of fields) {
    const current =
      field === 'source.link' ? (value.source as { link?: string } | undefined)?.link : value[field];
    if (typeof current !== 'string' || current.length === 0) continue;
    const guarded = guardText(current, policy);
    for (const f of guarded.findings)
      findings.push({ field, category: f.category, start: f.start, end: f.end });
    if (guarded.findings.length === 0) continue;
    if (field === 'source.link') out.source = { ...(out.source as object), link: guarded.text };
    else out[field] = field === 'title' ? guarded.text.slice(0, TITLE_MAX) : guarded.text;
  }
  return { value: out as T, findings };
}

/**
 * Every memory write passes here first (the hub pipeline calls it): secrets and personal
 * data are redacted, or the write is refused with `blocked_content`, before anything is
 * stored in the shared memory.
 */
export function guardNewItem(item: NewItem, policy: GuardPolicy): GuardedWrite<NewItem> {
  return guardFields(item, ['title', 'body', 'source.link'], policy);
}

export function guardItemPatch(patch: ItemPatch, policy: GuardPolicy): GuardedWrite<ItemPatch> {
  return guardFields(patch, ['title', 'body', 'source.link'], policy);
}
