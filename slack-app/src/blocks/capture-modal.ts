import { PersonId, SpaceId } from '@ensemble/core';
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { BlockId, CallbackId } from './ids.js';

/** Carried through the modal so the submission knows where the message came from. */
export const CaptureMetadata = z.object({
  space: SpaceId,
  channel: z.string().min(1),
  messageTs: z.string().min(1),
});
export type CaptureMetadata = z.infer<typeof CaptureMetadata>;

export interface CaptureModalInput {
  title: string;
  body: string;
  owners: Array<{ id: PersonId; name: string }>;
  initialOwner: PersonId;
  metadata: CaptureMetadata;
}

/** "Record decision": title and body prefilled from the message, owner preselected by the rules. */
export function captureModal(input: CaptureModalInput): types.ModalView {
  const options = input.owners.slice(0, 100).map((p) => ({
    text: { type: 'plain_text' as const, text: `${p.name} (${p.id})`.slice(0, 75) },
    value: p.id,
  }));
  const initial = options.find((o) => o.value === input.initialOwner);
  return {
    type: 'modal',
    callback_id: CallbackId.RecordModal,
    private_metadata: JSON.stringify(input.metadata),
    title: { type: 'plain_text', text: 'Record decision' },
    submit: { type: 'plain_text', text: 'Record' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BlockId.Title,
        label: { type: 'plain_text', text: 'Decision' },
        element: {
          type: 'plain_text_input',
          action_id: BlockId.Title,
          max_length: 200,
          initial_value: input.title.slice(0, 200),
        },
      },
      {
        type: 'input',
        block_id: BlockId.Body,
        optional: true,
        label: { type: 'plain_text', text: 'Details' },
        element: {
          type: 'plain_text_input',
          action_id: BlockId.Body,
          multiline: true,
          max_length: 3000,
          initial_value: input.body.slice(0, 3000),
        },
      },
      {
        type: 'input',
        block_id: BlockId.Owner,
        label: { type: 'plain_text', text: 'Owner' },
        element: {
          type: 'static_select',
          action_id: BlockId.Owner,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
    ],
  };
}

const Submission = z.object({
  [BlockId.Title]: z.object({ [BlockId.Title]: z.object({ value: z.string().trim().min(1).max(200) }) }),
  [BlockId.Body]: z
    .object({ [BlockId.Body]: z.object({ value: z.string().max(20_000).nullish() }) })
    .optional(),
  [BlockId.Owner]: z.object({
    [BlockId.Owner]: z.object({ selected_option: z.object({ value: PersonId }) }),
  }),
});

export interface CaptureSubmission {
  title: string;
  body: string;
  owner: PersonId;
  metadata: CaptureMetadata;
}

/** Parses a submitted modal; `undefined` when Slack sent something we did not build. */
export function parseCaptureSubmission(view: {
  private_metadata?: string;
  state: { values: unknown };
}): CaptureSubmission | undefined {
  const values = Submission.safeParse(view.state.values);
  let meta: unknown;
  try {
    meta = JSON.parse(view.private_metadata ?? '');
  } catch {
    return undefined;
  }
  const metadata = CaptureMetadata.safeParse(meta);
  if (!values.success || !metadata.success) return undefined;
  return {
    title: values.data.title.title.value,
    body: values.data.body?.body.value ?? '',
    owner: values.data.owner.owner.selected_option.value,
    metadata: metadata.data,
  };
}

/** First line of a message as a title, the whole message as the body. */
export function splitMessage(text: string): { title: string; body: string } {
  const cleaned = text.replace(/<@[A-Z0-9]+>/g, '').trim();
  const firstLine = cleaned.split('\n')[0]?.trim() ?? '';
  const title = firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
  return { title: title || 'Decision from Slack', body: cleaned };
}
