import type { Logger } from '@ensemble/runtime';
import type { App } from '@slack/bolt';

/**
 * Remembers Events API `event_id`s for a while so a retried delivery (`x-slack-retry-num`,
 * sent when we answered slowly) is not processed twice. Bounded in size and time.
 */
export class EventDedupe {
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly options: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}) {}

  /** True the first time an id is offered within the TTL; false for repeats. */
  firstTime(eventId: string): boolean {
    const now = (this.options.now ?? Date.now)();
    const ttl = this.options.ttlMs ?? 60 * 60_000;
    const at = this.seenAt.get(eventId);
    if (at !== undefined && now - at < ttl) return false;
    // Map keeps insertion order: re-inserting moves the id to the newest end.
    this.seenAt.delete(eventId);
    this.seenAt.set(eventId, now);
    const max = this.options.maxEntries ?? 10_000;
    for (const [id, when] of this.seenAt) {
      if (this.seenAt.size <= max && now - when < ttl) break;
      this.seenAt.delete(id);
    }
    return true;
  }

  get size(): number {
    return this.seenAt.size;
  }
}

/** Bolt middleware: drops an Events API delivery whose `event_id` was already handled. */
export function dedupeEvents(app: App, logger: Logger, dedupe = new EventDedupe()): EventDedupe {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !dedupe.firstTime(eventId)) {
      logger.info('event_duplicate_dropped', { event_id: eventId });
      return;
    }
    await next();
  });
  return dedupe;
}
