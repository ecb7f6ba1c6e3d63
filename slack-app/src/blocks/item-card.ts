import type { Item, SpaceId } from '@ensemble/core';
import { ActionId, encodeItemButton } from './ids.js';
import { type Block, context, escapeText, link, type Mention, type SlackMessage, section } from './mrkdwn.js';

/**
 * One item as a message with the owner's buttons: confirm and re-verify for a proposal,
 * keep / keep / both stand for an open conflict. `note` (mrkdwn built by the app, may hold
 * mentions) says what just happened.
 */
export function itemCard(item: Item, space: SpaceId, mention: Mention, note?: string): SlackMessage {
  const blocks: Block[] = [];
  if (note) blocks.push(context(note));
  blocks.push(section(`*${escapeText(item.title)}*\n${escapeText(item.body)}`));
  const review = item.reviewBy ? ` · re-verify by ${item.reviewBy}` : '';
  blocks.push(
    context(
      `${item.kind} · *${item.status}* · owner ${mention(item.owner)} · ${link(item.source.link, 'source')}${review}`,
    ),
  );
  const actions = actionsFor(item, space, mention);
  if (actions) blocks.push(actions);
  return {
    text: `${note ? `${note}: ` : ''}${item.title} (${item.status}, owner ${mention(item.owner)})`,
    blocks,
  };
}

function actionsFor(item: Item, space: SpaceId, mention: Mention): Block | undefined {
  const value = encodeItemButton({ space, id: item.id });
  if (item.kind === 'conflict' && item.conflict && !item.conflict.resolution) {
    const [first, second] = item.conflict.sides;
    return {
      type: 'actions',
      elements: [
        button(ActionId.KeepFirst, `Keep ${first.space} (${plain(mention(first.owner))})`, value),
        button(ActionId.KeepSecond, `Keep ${second.space} (${plain(mention(second.owner))})`, value),
        button(ActionId.BothStand, 'Both stand', value),
      ],
    };
  }
  if (item.kind === 'conflict') return undefined;
  const elements = [];
  if (item.status === 'proposed' || item.status === 'disputed') {
    elements.push({ ...button(ActionId.Confirm, 'Confirm', value), style: 'primary' as const });
  }
  if (item.status === 'accepted' || item.status === 'proposed' || item.status === 'disputed') {
    elements.push(button(ActionId.Reverify, 'Re-verify', value));
  }
  return elements.length > 0 ? { type: 'actions', elements } : undefined;
}

// Button labels are plain text: a `<@U…>` mention would show literally.
const plain = (mention: string) => mention.replace(/^<@(.+)>$/, '$1');

function button(actionId: string, label: string, value: string) {
  return {
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: label.slice(0, 75) },
    value,
  };
}
