import type { AskTurn } from '@ensemble/core';
import type { ChatMessage } from '../providers/types.js';

/**
 * Earlier turns of a thread plus the new question as model messages. Chat APIs want turns
 * that start with the user and alternate, so leading assistant turns are dropped and
 * consecutive turns of the same role are joined.
 */
export function threadMessages(thread: readonly AskTurn[], question: string): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of [...thread, { role: 'user' as const, text: question }]) {
    if (out.length === 0 && turn.role !== 'user') continue;
    const last = out[out.length - 1];
    if (last && last.role === turn.role) last.content = `${last.content}\n\n${turn.text}`;
    else out.push({ role: turn.role, content: turn.text });
  }
  return out;
}
