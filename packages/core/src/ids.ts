import { monotonicFactory } from 'ulid';
import { z } from 'zod';

/** Item ids are ULIDs: sortable by creation time, unique without coordination. */
export const ItemId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID');
export type ItemId = z.infer<typeof ItemId>;

const nextUlid = monotonicFactory();

export function newItemId(now: number = Date.now()): ItemId {
  return nextUlid(now);
}
