import { createHash } from 'node:crypto';
import type { Item } from '@ensemble/core';

/** Identifies the reviewed content of an item version: title, body, tags and kind. */
export function fingerprint(item: Pick<Item, 'kind' | 'title' | 'body' | 'tags'>): string {
  return createHash('sha256')
    .update(JSON.stringify([item.kind, item.title, item.body, [...item.tags].sort()]))
    .digest('hex')
    .slice(0, 32);
}
