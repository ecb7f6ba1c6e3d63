import { checkRawWrite, ITEMS_KEY, type SpaceId } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type * as Y from 'yjs';

/** Who wrote through each websocket connection (a transaction's origin is the connection). */
const writers = new WeakMap<object, string>();

export function registerWriter(origin: object, person: string): void {
  writers.set(origin, person);
}

/** The origin of the hub's own corrections, so they are persisted and sent to every client. */
export const REPAIR_ORIGIN = { hub: 'write-rules' } as const;

/**
 * Websocket clients edit the document directly, past SpaceMemory. This applies the same rules
 * to what they wrote: a valid item is never replaced by an invalid one or deleted by someone
 * who does not own it, only the owner accepts or hands over an accepted item, nobody records in
 * someone else's name. A broken rule is repaired right after, as a new update every client gets.
 */
export function enforceWriteRules(doc: Y.Doc, space: SpaceId, logger: Logger): void {
  const items = doc.getMap<unknown>(ITEMS_KEY);
  items.observe((event, tx) => {
    const person = typeof tx.origin === 'object' && tx.origin !== null ? writers.get(tx.origin) : undefined;
    if (!person) return;
    const changed = [...event.changes.keys].map(([id, change]) => ({
      id,
      previous: change.oldValue as unknown,
      deleted: change.action === 'delete',
    }));
    // Checked after the update is stored and fanned out (a microtask runs once this call stack
    // is done), so checking never delays delivery; the repair follows as its own update.
    queueMicrotask(() => {
      const repairs: Array<{ id: string; value: unknown }> = [];
      for (const { id, previous, deleted } of changed) {
        const verdict = checkRawWrite(previous, items.get(id), person, deleted);
        if (verdict.ok) continue;
        repairs.push({ id, value: verdict.repair });
        logger.warn('write_repaired', { space, item: id, reason: verdict.reason });
      }
      if (repairs.length === 0) return;
      doc.transact(() => {
        for (const { id, value } of repairs) {
          if (value === undefined) items.delete(id);
          else items.set(id, value);
        }
      }, REPAIR_ORIGIN);
    });
  });
}
