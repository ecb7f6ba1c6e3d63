import type { AskTurn } from '@ensemble/core';
import type { webApi } from '@slack/bolt';
import { z } from 'zod';

const MAX_TURNS = 20;
const MAX_TURN_CHARS = 8000;

const Reply = z.object({
  ts: z.string(),
  text: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
});

/** Slack mention markup (`<@U123>`) says nothing to the assistant. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Earlier messages of a thread as ask turns, oldest first, so a follow-up keeps its context:
 * the app's own replies are `assistant` turns, everything else is `user`.
 */
export async function threadTurns(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  beforeTs: string,
  botUserId: string | undefined,
): Promise<AskTurn[]> {
  const result = await client.conversations.replies({ channel, ts: threadTs, limit: 100 });
  const replies = z.array(Reply).safeParse(result.messages ?? []);
  if (!replies.success) return [];
  const turns: AskTurn[] = [];
  for (const m of replies.data) {
    if (Number(m.ts) >= Number(beforeTs)) continue;
    const text = stripMentions(m.text ?? '').slice(0, MAX_TURN_CHARS);
    if (!text) continue;
    const fromApp = m.bot_id !== undefined || (botUserId !== undefined && m.user === botUserId);
    turns.push({ role: fromApp ? 'assistant' : 'user', text });
  }
  return turns.slice(-MAX_TURNS);
}
