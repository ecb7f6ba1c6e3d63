import {
  type Actor,
  assistantOf,
  GuardPolicy,
  type Item,
  type ItemPatch,
  type SpaceMemory,
} from '@ensemble/core';
import { guardItemPatch } from './guard-item.js';

/** Something stored cannot be refused any more, so every category is redacted after the fact. */
const redactAll = GuardPolicy.parse({});

/**
 * For the hub pipeline's redact step: items written by a client that skipped the write
 * guard (a raw Yjs client, an old version) are redacted in place. Returns the updated item,
 * or undefined when there was nothing to redact, so re-running on its own write is a no-op.
 * The original text stays in the space's update log until the log is compacted.
 */
export function redactStoredItem(
  memory: SpaceMemory,
  item: Item,
  by: Actor = assistantOf(memory.space),
): { item: Item; fields: string[] } | undefined {
  const current: ItemPatch = {
    title: item.title,
    body: item.body,
    source: item.source,
  };
  const guarded = guardItemPatch(current, redactAll);
  if (guarded.findings.length === 0) return undefined;
  const fields = [...new Set(guarded.findings.map((f) => f.field))];
  return { item: memory.update(item.id, guarded.value, by), fields };
}
