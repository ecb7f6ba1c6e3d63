import type { Item, SpaceId } from '@ensemble/core';
import type { types } from '@slack/bolt';
import { itemCard } from './item-card.js';
import { type Block, context, escapeText, type Mention, section } from './mrkdwn.js';

const MAX_ITEMS_PER_TEAM = 15;

export interface HomeTeam {
  name: string;
  space: SpaceId;
  open: Item[];
}

/** The App Home tab: each of the user's teams with its open items and their owner buttons. */
export function homeView(teams: HomeTeam[], mention: Mention, problem?: string): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Open items of your teams' } },
  ];
  if (problem) blocks.push(section(`:warning: ${escapeText(problem)}`));
  for (const team of teams) {
    blocks.push({ type: 'divider' });
    blocks.push(section(`*${escapeText(team.name)}* · ${team.open.length} open`));
    if (team.open.length === 0) blocks.push(context('Nothing open.'));
    for (const item of team.open.slice(0, MAX_ITEMS_PER_TEAM)) {
      blocks.push(...itemCard(item, team.space, mention).blocks);
    }
  }
  // Slack refuses views over 100 blocks.
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
