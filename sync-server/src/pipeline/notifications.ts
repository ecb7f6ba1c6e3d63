import { ItemId, PersonId, SpaceId } from '@ensemble/core';
import { z } from 'zod';

/** Why an owner is told about an item. */
export const NotificationReason = z.enum(['conflict', 'confirm', 'question']);
export type NotificationReason = z.infer<typeof NotificationReason>;

export const OwnerNotification = z.object({
  person: PersonId,
  reason: NotificationReason,
  space: SpaceId,
  item: ItemId,
  title: z.string(),
  at: z.iso.datetime(),
});
export type OwnerNotification = z.infer<typeof OwnerNotification>;

type Listener = (n: OwnerNotification) => void;

/**
 * Live notifications for owners. The CRDT stays the truth (conflicts, proposals and questions
 * are items); this feed only pushes them to whoever listens now (Slack DMs, the editor) and
 * keeps a short bounded history per person for clients that reconnect.
 */
export class NotificationFeed {
  private readonly listeners = new Map<PersonId, Set<Listener>>();
  private readonly recentByPerson = new Map<PersonId, OwnerNotification[]>();

  constructor(private readonly keepPerPerson = 50) {}

  publish(notification: OwnerNotification): void {
    const recent = this.recentByPerson.get(notification.person) ?? [];
    recent.push(notification);
    if (recent.length > this.keepPerPerson) recent.splice(0, recent.length - this.keepPerPerson);
    this.recentByPerson.set(notification.person, recent);
    for (const listener of this.listeners.get(notification.person) ?? []) listener(notification);
  }

  subscribe(person: PersonId, listener: Listener): () => void {
    const set = this.listeners.get(person) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(person, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(person);
    };
  }

  recent(person: PersonId): OwnerNotification[] {
    return [...(this.recentByPerson.get(person) ?? [])];
  }
}
