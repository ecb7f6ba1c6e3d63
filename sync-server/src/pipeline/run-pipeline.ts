import { asEnsembleError, type Item, type ItemChange, type SpaceId, type SpaceMemory } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type { PipelineStep } from './step.js';

export interface PipelineOutcome {
  completed: string[];
  failed: Array<{ step: string; code: string }>;
  stoppedAt?: string;
}

const DEFAULT_STEP_TIMEOUT_MS = 20_000;

/** Runs the steps in order for one changed item; a failing step is logged and the next still runs. */
export async function runPipeline(
  steps: readonly PipelineStep[],
  input: { space: SpaceId; memory: SpaceMemory; change: ItemChange },
  logger: Logger,
): Promise<PipelineOutcome> {
  const outcome: PipelineOutcome = { completed: [], failed: [] };
  let item: Item | undefined;
  for (const step of steps) {
    const signal = AbortSignal.timeout(step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
    try {
      const result = await abortable(Promise.resolve(step.run({ ...input, item, signal })), signal);
      outcome.completed.push(step.name);
      if (result && 'item' in result) item = result.item;
      if (result?.stop) {
        outcome.stoppedAt = step.name;
        break;
      }
    } catch (e) {
      const code =
        e instanceof DOMException && e.name === 'TimeoutError' ? 'timeout' : asEnsembleError(e).code;
      outcome.failed.push({ step: step.name, code });
      logger.warn('pipeline_step_failed', {
        step: step.name,
        space: input.space,
        item: input.change.id,
        code,
      });
    }
  }
  return outcome;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
