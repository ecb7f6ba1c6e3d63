import { redactStoredItem } from '@ensemble/assistant';
import type { Logger } from '@ensemble/runtime';
import type { PipelineStep } from './step.js';

/**
 * Redacts secrets and personal data that reached memory from a client that skipped the write
 * guard (a raw Yjs client, an old extension), then compacts the space so the clear text leaves the
 * disk. Its own rewrite comes back as a change and is a no-op.
 */
export function redactStep(logger: Logger, compactSpace: (space: string) => Promise<void>): PipelineStep {
  return {
    name: 'redact',
    timeoutMs: 10_000,
    async run({ memory, item, space }) {
      if (!item) return undefined;
      const redacted = await redactStoredItem(memory, item);
      if (!redacted) return undefined;
      logger.warn('item_redacted', { space, item: item.id, fields: redacted.fields.join(',') });
      // The clear text is still in the update log: rewrite the log as a snapshot without it.
      await compactSpace(space);
      return { item: redacted.item };
    },
  };
}
