import { ErrorCode, isEnsembleError } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type { PipelineStep } from './step.js';

/** Reads the changed item through its schema; an invalid one is quarantined (reported), never processed. */
export function validateStep(logger: Logger, onQuarantined?: (space: string) => void): PipelineStep {
  return {
    name: 'validate',
    run({ memory, change, space }) {
      if (change.type === 'deleted') return { item: undefined };
      try {
        return { item: memory.get(change.id) };
      } catch (e) {
        if (!isEnsembleError(e) || e.code !== ErrorCode.InvalidItem) throw e;
        logger.warn('item_quarantined', { space, item: change.id });
        onQuarantined?.(space);
        return { stop: true, item: undefined };
      }
    },
  };
}
