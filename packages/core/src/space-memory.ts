import type * as Y from 'yjs';
import type { z } from 'zod';
import { EnsembleError, ErrorCode } from './errors.js';
import { newItemId } from './ids.js';
import { Item, type ItemKind, ItemPatch, type ItemStatus, NewItem } from './item.js';
import type { Actor, PersonId } from './person.js';
import type { SpaceId } from './space.js';

/**
 * The root map of every space document. Each value is one whole item (a plain JSON object):
 * edits of different items always merge; concurrent edits of the same item resolve
 * last-writer-wins on the whole item. One entry per item keeps a 100k-item space loading in
 * under 3x the time of JSON.parse on the same data (per-field maps cost 9x or more);
 * see docs/adr/0002-one-entry-per-item.md.
 */
export const ITEMS_KEY = 'items';

/** Fields whose change alters what an item says (as opposed to who owns it or when to re-verify). */
const CONTENT_FIELDS = ['title', 'body', 'tags', 'source'] as const;

export interface QuarantinedItem {
  id: string;
  reason: string;
}

export interface ItemChange {
  id: string;
  type: 'added' | 'updated' | 'deleted';
  /** True when the change came from this replica rather than a remote update. */
  local: boolean;
}

export interface ListFilter {
  kind?: ItemKind;
  status?: ItemStatus;
  owner?: PersonId;
  tag?: string;
}

/**
 * Cleans free text before it enters shared memory (secret and PII redaction lives in
 * packages/assistant; core only knows the shape). It may throw an EnsembleError to block a write.
 */
export type TextGuard = (text: string) => string;

export interface SpaceMemoryOptions {
  now?: () => Date;
  guard?: TextGuard;
}

/**
 * The only way surfaces read or write memory: a typed API over one space's Y.Doc.
 * Reads validate every item; an invalid item is quarantined and reported, never thrown.
 */
export class SpaceMemory {
  readonly items: Y.Map<unknown>;
  private readonly now: () => Date;
  private readonly guard: TextGuard | undefined;

  constructor(
    readonly space: SpaceId,
    readonly doc: Y.Doc,
    options: SpaceMemoryOptions = {},
  ) {
    this.items = doc.getMap(ITEMS_KEY);
    this.now = options.now ?? (() => new Date());
    this.guard = options.guard;
  }

  create(input: NewItem, by: Actor): Item {
    const parsed = this.guarded(parseInput(NewItem, input));
    const owner = parsed.owner ?? (by.kind === 'person' ? by.id : undefined);
    if (!owner) {
      throw new EnsembleError(
        ErrorCode.OwnerMustBeHuman,
        'An assistant cannot own an item: pass the owner (a person id) or resolve it from the ownership rules.',
      );
    }
    const ownerConfirms = by.kind === 'person' && by.id === owner;
    if (parsed.status === 'accepted' && !ownerConfirms) {
      throw new EnsembleError(
        ErrorCode.NotOwner,
        `Only the owner (${owner}) can record an item as accepted; record it as proposed and ask them to confirm.`,
      );
    }
    const at = this.now();
    const item = validate({
      ...parsed,
      id: newItemId(at.getTime()),
      owner,
      status: parsed.status ?? 'proposed',
      createdBy: by,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      version: 1,
    });
    this.doc.transact(() => this.items.set(item.id, item), by);
    return item;
  }

  get(id: string): Item | undefined {
    if (!this.items.has(id)) return undefined;
    const result = Item.safeParse(this.items.get(id));
    if (!result.success) {
      throw new EnsembleError(
        ErrorCode.InvalidItem,
        `Item ${id} is invalid and quarantined: ${summarize(result.error)}`,
      );
    }
    return result.data;
  }

  require(id: string): Item {
    const item = this.get(id);
    if (!item)
      throw new EnsembleError(
        ErrorCode.NotFound,
        `No item ${id} in ${this.space}. Check the id with "ensemble list".`,
      );
    return item;
  }

  list(filter: ListFilter = {}): Item[] {
    return this.scan().valid.filter((item) => matches(item, filter));
  }

  quarantined(): QuarantinedItem[] {
    return this.scan().quarantined;
  }

  /**
   * Edits fields. An accepted item stays the owner's: only they may hand it to someone else,
   * and an edit of its content by anyone else turns it back into a proposal for them to
   * confirm. Assistants (the hub's redaction) edit without changing the status.
   */
  update(id: string, patch: ItemPatch, by: Actor): Item {
    const changes = this.guarded(parseInput(ItemPatch, patch));
    const current = this.require(id);
    const byOwner = by.kind === 'person' && by.id === current.owner;
    if (
      current.status === 'accepted' &&
      !byOwner &&
      changes.owner !== undefined &&
      changes.owner !== current.owner
    ) {
      throw new EnsembleError(
        ErrorCode.NotOwner,
        `Item ${id} is accepted and owned by ${current.owner}; only they can hand it to someone else.`,
      );
    }
    const contentChanged = CONTENT_FIELDS.some(
      (field) =>
        changes[field] !== undefined && JSON.stringify(changes[field]) !== JSON.stringify(current[field]),
    );
    const reopens = current.status === 'accepted' && contentChanged && by.kind === 'person' && !byOwner;
    return this.write(current, reopens ? { ...changes, status: 'proposed' } : changes, by);
  }

  /** Only the owner turns a proposal (or a disputed item) into an accepted one. */
  confirm(id: string, by: PersonId): Item {
    const current = this.require(id);
    this.assertOwner(current, by, 'confirm');
    if (current.status !== 'proposed' && current.status !== 'disputed') {
      throw new EnsembleError(
        ErrorCode.InvalidTransition,
        `Item ${id} is ${current.status}; only proposed or disputed items can be confirmed.`,
      );
    }
    return this.write(current, { status: 'accepted' }, { kind: 'person', id: by });
  }

  reject(id: string, by: PersonId): Item {
    const current = this.require(id);
    this.assertOwner(current, by, 'reject');
    if (current.status === 'superseded') {
      throw new EnsembleError(ErrorCode.InvalidTransition, `Item ${id} is already superseded.`);
    }
    return this.write(current, { status: 'rejected' }, { kind: 'person', id: by });
  }

  /** Marks an item as disputed, e.g. while a conflict about it is open. Anyone may raise a dispute. */
  dispute(id: string, by: Actor): Item {
    const current = this.require(id);
    if (current.status === 'superseded' || current.status === 'rejected') return current;
    return this.write(current, { status: 'disputed' }, by);
  }

  /** Records `replacement` and marks `oldId` superseded by it, atomically. */
  supersede(oldId: string, replacement: NewItem, by: Actor): { old: Item; replacement: Item } {
    const old = this.require(oldId);
    if (old.status === 'superseded') {
      throw new EnsembleError(
        ErrorCode.InvalidTransition,
        `Item ${oldId} is already superseded by ${old.supersededBy}.`,
      );
    }
    let result: { old: Item; replacement: Item } | undefined;
    this.doc.transact(() => {
      const created = this.create(replacement, by);
      const withLink = this.write(created, { supersedes: oldId }, by, false);
      const updatedOld = this.write(old, { status: 'superseded', supersededBy: created.id }, by);
      result = { old: updatedOld, replacement: withLink };
    }, by);
    if (!result) throw new EnsembleError(ErrorCode.Internal, 'supersede did not complete');
    return result;
  }

  /** Internal field updates used by the hub pipeline (e.g. attaching conflict resolution). */
  patchDetails(id: string, changes: Partial<Pick<Item, 'conflict' | 'status'>>, by: Actor): Item {
    return this.write(this.require(id), changes, by);
  }

  delete(id: string, by: Actor): void {
    const current = this.require(id);
    if (by.kind !== 'person' || by.id !== current.owner) {
      throw new EnsembleError(ErrorCode.NotOwner, `Only the owner (${current.owner}) can delete item ${id}.`);
    }
    this.doc.transact(() => this.items.delete(id), by);
  }

  observe(listener: (changes: ItemChange[]) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
      const byId = new Map<string, ItemChange>();
      for (const event of events) {
        if (event.target === this.items) {
          for (const [id, change] of event.changes.keys) {
            const type =
              change.action === 'add' ? 'added' : change.action === 'delete' ? 'deleted' : 'updated';
            byId.set(id, { id, type, local: tx.local });
          }
        } else {
          const id = event.path[0];
          if (typeof id === 'string' && !byId.has(id)) byId.set(id, { id, type: 'updated', local: tx.local });
        }
      }
      if (byId.size > 0) listener([...byId.values()]);
    };
    this.items.observeDeep(handler);
    return () => this.items.unobserveDeep(handler);
  }

  private scan(): { valid: Item[]; quarantined: QuarantinedItem[] } {
    const valid: Item[] = [];
    const quarantined: QuarantinedItem[] = [];
    for (const [id, value] of this.items.entries()) {
      const result = Item.safeParse(value);
      if (result.success && result.data.id === id) valid.push(result.data);
      else {
        const reason = result.success
          ? `stored under ${id} but names ${result.data.id}`
          : summarize(result.error);
        quarantined.push({ id, reason });
      }
    }
    valid.sort((a, b) => (a.id < b.id ? -1 : 1));
    return { valid, quarantined };
  }

  private guarded<T extends { title?: string; body?: string }>(fields: T): T {
    if (!this.guard) return fields;
    const out = { ...fields };
    if (out.title !== undefined) out.title = this.guard(out.title);
    if (out.body !== undefined) out.body = this.guard(out.body);
    return out;
  }

  private assertOwner(item: Item, by: PersonId, verb: string): void {
    if (item.owner !== by) {
      throw new EnsembleError(
        ErrorCode.NotOwner,
        `Only the owner (${item.owner}) can ${verb} item ${item.id}; ask them.`,
      );
    }
  }

  private write(current: Item, changes: Partial<Item>, by: Actor, bump = true): Item {
    const next = validate({
      ...current,
      ...changes,
      updatedAt: this.now().toISOString(),
      version: bump ? current.version + 1 : current.version,
    });
    if (!this.items.has(current.id)) {
      throw new EnsembleError(ErrorCode.NotFound, `Item ${current.id} was deleted meanwhile.`);
    }
    this.doc.transact(() => this.items.set(current.id, next), by);
    return next;
  }
}

function matches(item: Item, filter: ListFilter): boolean {
  return (
    (!filter.kind || item.kind === filter.kind) &&
    (!filter.status || item.status === filter.status) &&
    (!filter.owner || item.owner === filter.owner) &&
    (!filter.tag || item.tags.includes(filter.tag))
  );
}

function validate(candidate: unknown): Item {
  const result = Item.safeParse(candidate);
  if (!result.success)
    throw new EnsembleError(ErrorCode.InvalidItem, `Invalid item: ${summarize(result.error)}`);
  return result.data;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new EnsembleError(ErrorCode.InvalidInput, summarize(result.error), result.error.issues);
  return result.data;
}

export function summarize(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
