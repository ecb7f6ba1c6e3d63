import type { Item } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type { NotificationFeed, NotificationReason } from './notifications.js';
import type { PipelineStep } from './step.js';

/**
 * Tells the humans responsible: both owners of a new conflict, the owner of a proposal someone
 * else recorded for them, the person a new open question is assigned to.
 */
export function notifyStep(feed: NotificationFeed, logger: Logger): PipelineStep {
  return {
    name: 'notify',
    run({ space, item, change }) {
      if (!item || change.type !== 'added') return undefined;
      for (const [person, reason] of recipients(item)) {
        feed.publish({
          person,
          reason,
          space,
          item: item.id,
          title: item.title,
          at: new Date().toISOString(),
        });
        logger.info('owner_notified', { space, item: item.id, reason });
      }
      return undefined;
    },
  };
}

function recipients(item: Item): Array<[string, NotificationReason]> {
  if (item.kind === 'conflict' && item.conflict) {
    const owners = new Set(item.conflict.sides.map((s) => s.owner));
    return [...owners].map((o) => [o, 'conflict']);
  }
  const recordedBySomeoneElse = item.createdBy.kind === 'assistant' || item.createdBy.id !== item.owner;
  if (item.kind === 'question' && item.status === 'proposed' && recordedBySomeoneElse)
    return [[item.owner, 'question']];
  if (item.kind === 'decision' && item.status === 'proposed' && recordedBySomeoneElse)
    return [[item.owner, 'confirm']];
  return [];
}
