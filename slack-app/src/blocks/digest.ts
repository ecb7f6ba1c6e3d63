import type { DigestData, Item } from '@ensemble/core';
import { type Block, context, escapeText, link, type Mention, type SlackMessage, section } from './mrkdwn.js';

const MAX_PER_SECTION = 10;

/** The weekly digest of one team: what changed, what conflicts, what is due, what is unanswered. */
export function digestMessage(
  data: DigestData,
  teamName: string,
  mention: Mention,
  week: string,
): SlackMessage {
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `Weekly digest · ${teamName} · ${week}`.slice(0, 150) },
    },
  ];
  const line = (item: Item) => `• ${link(item.source.link, item.title)} · owner ${mention(item.owner)}`;
  const add = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    const more = lines.length > MAX_PER_SECTION ? `\n…and ${lines.length - MAX_PER_SECTION} more` : '';
    blocks.push(section(`*${title}*\n${lines.slice(0, MAX_PER_SECTION).join('\n')}${more}`));
  };
  add(
    'New and changed decisions',
    data.decisions.map(
      ({ change, item }) => `${line(item)} · ${change === 'new' ? 'new' : `now ${item.status}`}`,
    ),
  );
  add(
    'Open conflicts',
    data.openConflicts.map(({ space, item }) => {
      const sides = item.conflict?.sides
        .map((s) => `${escapeText(s.space)} (${mention(s.owner)})`)
        .join(' vs ');
      return `• ${escapeText(item.title)} · ${sides ?? escapeText(space)}`;
    }),
  );
  add(
    'Due for re-verification',
    data.dueForReview.map((item) => `${line(item)} · was due ${item.reviewBy}`),
  );
  add('Unanswered questions', data.openQuestions.map(line));
  add('Without a known owner', data.unowned.map(line));
  const counts = [
    `${data.decisions.length} decisions changed`,
    `${data.openConflicts.length} open conflicts`,
    `${data.dueForReview.length} due for re-verification`,
    `${data.openQuestions.length} unanswered questions`,
  ].join(' · ');
  const usage = `Assistant usage: ${data.usage.modelCalls} model calls, ${data.usage.inputTokens + data.usage.outputTokens} tokens, $${data.usage.costUsd.toFixed(2)}`;
  if (blocks.length === 1) blocks.push(section('Nothing needs attention this week.'));
  blocks.push(context(`${counts}\n${usage}`));
  return { text: `Weekly digest for ${teamName} (${week}): ${counts}`, blocks };
}
