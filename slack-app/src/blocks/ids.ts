import { ItemId, SpaceId } from '@ensemble/core';
import { z } from 'zod';

/** Interaction ids shared by the Block Kit builders, the listeners and the manifest. */
export const ActionId = {
  Confirm: 'item_confirm',
  Reverify: 'item_reverify',
  KeepFirst: 'conflict_keep_first',
  KeepSecond: 'conflict_keep_second',
  BothStand: 'conflict_both_stand',
} as const;

export const CallbackId = {
  RecordShortcut: 'record_decision',
  RecordModal: 'record_decision_modal',
} as const;

export const BlockId = {
  Title: 'title',
  Body: 'body',
  Owner: 'owner',
} as const;

/** What a button carries: the item it acts on. Parsed on click, never trusted blindly. */
export const ItemButtonValue = z.object({ space: SpaceId, id: ItemId });
export type ItemButtonValue = z.infer<typeof ItemButtonValue>;

export const encodeItemButton = (value: ItemButtonValue): string => JSON.stringify(value);
