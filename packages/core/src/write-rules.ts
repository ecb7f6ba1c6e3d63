import { Item } from './item.js';
import type { PersonId } from './person.js';

/**
 * The rules SpaceMemory enforces, as one check of a raw write that bypassed it (a Yjs client
 * editing the document directly). `repair` is the value to write back: the previous version,
 * or the new one corrected; `undefined` repair with `restore: true` means delete again.
 */
export type WriteVerdict =
  | { ok: true }
  | { ok: false; reason: string; repair: Item; restore: boolean }
  | { ok: false; reason: string; repair: undefined; restore: true };

export function checkRawWrite(
  previous: unknown,
  next: unknown,
  by: PersonId,
  deleted: boolean,
): WriteVerdict {
  const old = previous === undefined ? undefined : Item.safeParse(previous);
  const before = old?.success ? old.data : undefined;
  if (deleted) {
    if (before && before.owner !== by) {
      return {
        ok: false,
        reason: `only the owner (${before.owner}) may delete`,
        repair: before,
        restore: true,
      };
    }
    return { ok: true };
  }
  const parsed = Item.safeParse(next);
  if (!parsed.success) {
    // Invalid new values are quarantined by readers; a valid item is never lost to one.
    return before ? { ok: false, reason: 'invalid item', repair: before, restore: true } : { ok: true };
  }
  const after = parsed.data;
  if (!before) {
    const reasons: string[] = [];
    let fixed = after;
    if (fixed.createdBy.kind === 'person' && fixed.createdBy.id !== by) {
      reasons.push('recorded in someone else’s name');
      fixed = { ...fixed, createdBy: { kind: 'person', id: by } };
    }
    if (fixed.status === 'accepted' && fixed.owner !== by) {
      reasons.push('only the owner may record an item as accepted');
      fixed = { ...fixed, status: 'proposed' };
    }
    return reasons.length === 0
      ? { ok: true }
      : { ok: false, reason: reasons.join('; '), repair: fixed, restore: false };
  }
  if (before.status === 'accepted' && after.owner !== before.owner && by !== before.owner) {
    return {
      ok: false,
      reason: `only the owner (${before.owner}) may hand it over`,
      repair: before,
      restore: true,
    };
  }
  if (after.status === 'accepted' && before.status !== 'accepted' && by !== after.owner) {
    return {
      ok: false,
      reason: `only the owner (${after.owner}) may confirm`,
      repair: before,
      restore: true,
    };
  }
  const contentChanged = (['title', 'body', 'tags', 'source'] as const).some(
    (f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  );
  if (before.status === 'accepted' && after.status === 'accepted' && contentChanged && by !== before.owner) {
    return {
      ok: false,
      reason: 'an edit by someone else reopens it',
      repair: { ...after, status: 'proposed' },
      restore: false,
    };
  }
  return { ok: true };
}
