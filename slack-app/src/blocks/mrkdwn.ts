import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** A message as Slack wants it: blocks for the client, text for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's mrkdwn treats &, < and > as control characters; user text must not form links or mentions. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Section text is limited to 3000 characters; keep well below. */
export function clip(text: string, max = 2800): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function link(url: string | undefined, label: string): string {
  const safe = escapeText(label);
  return url && /^https?:\/\//.test(url) ? `<${url.replace(/[<>|]/g, '')}|${safe}>` : safe;
}

export const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text) },
});

export const context = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, 2900) }],
});

/** Renders a person id; `<@U…>` when the directory knows their Slack id. */
export type Mention = (person: string) => string;
