import type { Item, ItemChange, SpaceId, SpaceMemory } from '@ensemble/core';

/**
 * One small bounded step of the hub pipeline that runs on every new or changed item,
 * whichever surface wrote it: validate → redact → index → cross-check → notify.
 */
export interface PipelineStep {
  readonly name: string;
  /** Wall time for this step on one item; past it the step is abandoned and logged. */
  readonly timeoutMs?: number;
  run(input: StepInput): Promise<StepResult | undefined> | StepResult | undefined;
}

export interface StepInput {
  space: SpaceId;
  memory: SpaceMemory;
  change: ItemChange;
  /** The item as validated by the first step (`undefined` once deleted). */
  item: Item | undefined;
  signal: AbortSignal;
}

/** `stop` ends the pipeline for this change (e.g. an invalid item is quarantined, not indexed). */
export interface StepResult {
  stop?: boolean;
  item?: Item | undefined;
}
