import type { Answer, AnswerCheck, Verdict } from '@ensemble/core';
import { type Block, context, escapeText, link, type Mention, type SlackMessage, section } from './mrkdwn.js';

const MAX_SOURCES = 10;
const MAX_CHECKS = 5;

const badges: Record<Verdict, string> = {
  consistent: ':white_check_mark: consistent',
  duplicate: ':recycle: duplicate',
  supersedes: ':arrow_right_hook: supersedes',
  conflicts: ':warning: conflicts',
};

/** An assistant answer as a threaded Slack message: text, numbered sources, owners, cross-check badges. */
export function answerMessage(answer: Answer, mention: Mention): SlackMessage {
  const blocks: Block[] = [section(escapeText(answer.text))];
  const sources = answer.sources.slice(0, MAX_SOURCES);
  if (sources.length > 0) {
    const lines = sources.map(
      (s) =>
        `[${s.n}] ${link(s.link, s.title)} · ${escapeText(s.kind)} ${escapeText(s.status)} · ${escapeText(s.space)} · owner ${mention(s.owner)}`,
    );
    blocks.push(context(`*Sources*\n${lines.join('\n')}`));
  }
  if (answer.owners.length > 0) {
    blocks.push(context(`*Owners:* ${answer.owners.map(mention).join(', ')}`));
  }
  const checks = answer.checks.slice(0, MAX_CHECKS);
  if (checks.length > 0) blocks.push(context(checks.map((c) => checkLine(c, mention)).join('\n')));
  if (!answer.covered) {
    const who = answer.question ? ` Recorded as an open question for ${mention(answer.question.owner)}.` : '';
    blocks.push(context(`:grey_question: Nothing recorded covers this yet.${who}`));
  }
  if (answer.partial) {
    blocks.push(
      context(`:hourglass: This answer stopped early (${escapeText(answer.exceeded ?? 'budget')} limit).`),
    );
  }
  const owners = answer.owners.length > 0 ? `\nOwners: ${answer.owners.map(mention).join(', ')}` : '';
  return { text: `${answer.text}${owners}`, blocks };
}

function checkLine(check: AnswerCheck, mention: Mention): string {
  const reviewer = escapeText(check.reviewer.replace(/^assistant:/, ''));
  const related = check.related
    ? ` with "${escapeText(check.related.title)}" (${escapeText(check.related.space)}, owner ${mention(check.related.owner)})`
    : '';
  return `${badges[check.verdict]} · checked by ${reviewer}${related}`;
}

/** A short threaded reply when the question could not be answered. */
export function failureMessage(reason: string): SlackMessage {
  const text = `:warning: I could not answer: ${reason}`;
  return { text, blocks: [section(escapeText(text))] };
}
