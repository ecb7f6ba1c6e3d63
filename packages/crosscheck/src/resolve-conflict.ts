import {
  assistantOf,
  EnsembleError,
  ErrorCode,
  type Item,
  type PersonId,
  type SpaceId,
} from '@ensemble/core';
import type { SpaceOpener } from './ports.js';

export interface ResolveConflictInput {
  space: SpaceId;
  conflictId: string;
  outcome: 'keep-first' | 'keep-second' | 'both-stand';
  /** Required when both stand: where each applies. */
  scope?: string;
  by: PersonId;
  now?: Date;
}

/**
 * Closes a conflict. Only one of the two owners may resolve it: keep one side (the other is
 * marked superseded) or let both stand with a stated scope. The side that stands leaves
 * `disputed`: accepted if its owner resolved, otherwise proposed for its owner to confirm.
 */
export async function resolveConflict(opener: SpaceOpener, input: ResolveConflictInput): Promise<Item> {
  const memory = await opener.openSpace(input.space);
  const conflict = memory.require(input.conflictId);
  const details = conflict.conflict;
  if (conflict.kind !== 'conflict' || !details) {
    throw new EnsembleError(ErrorCode.InvalidInput, `Item ${input.conflictId} is not a conflict.`);
  }
  if (details.resolution) {
    throw new EnsembleError(
      ErrorCode.InvalidTransition,
      `Conflict ${input.conflictId} was already resolved by ${details.resolution.by}.`,
    );
  }
  const [first, second] = details.sides;
  if (input.by !== first.owner && input.by !== second.owner) {
    throw new EnsembleError(
      ErrorCode.NotOwner,
      `Only ${first.owner} or ${second.owner} can resolve this conflict.`,
    );
  }
  if (input.outcome === 'both-stand' && !input.scope?.trim()) {
    throw new EnsembleError(ErrorCode.InvalidInput, 'When both stand, say where each applies (--scope).');
  }
  const keep =
    input.outcome === 'keep-second' ? [second] : input.outcome === 'keep-first' ? [first] : [first, second];
  const drop = input.outcome === 'keep-first' ? second : input.outcome === 'keep-second' ? first : undefined;
  const actor = assistantOf(input.space);

  for (const side of keep) {
    const sideMemory = await opener.openSpace(side.space);
    const item = sideMemory.get(side.id);
    if (item?.status !== 'disputed') continue;
    if (item.owner === input.by) sideMemory.confirm(side.id, input.by);
    else sideMemory.patchDetails(side.id, { status: 'proposed' }, assistantOf(side.space));
  }
  if (drop) {
    const dropMemory = await opener.openSpace(drop.space);
    const item = dropMemory.get(drop.id);
    if (item && item.status !== 'superseded')
      dropMemory.patchDetails(drop.id, { status: 'superseded' }, assistantOf(drop.space));
  }
  return memory.patchDetails(
    input.conflictId,
    {
      conflict: {
        ...details,
        resolution: {
          outcome: input.outcome,
          ...(input.scope ? { scope: input.scope.trim() } : {}),
          by: input.by,
          at: (input.now ?? new Date()).toISOString(),
        },
      },
    },
    actor,
  );
}
