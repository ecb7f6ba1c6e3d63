import {
  assistantOf,
  type GuardPolicy,
  type Item,
  isOpen,
  type PersonId,
  type SpaceMemory,
  type Surface,
} from '@ensemble/core';
import { guardNewItem } from '../guard/guard-item.js';
import { normaliseQuestion } from '../text.js';
import type { WhoShouldKnow } from './who-should-know.js';

const TITLE_MAX = 200;

/**
 * Records an open `question` item owned by whoever should know. Asking the same question
 * again returns the open item that already exists instead of adding a duplicate.
 */
export async function recordOpenQuestion(input: {
  memory: SpaceMemory;
  question: string;
  asker: PersonId;
  who: WhoShouldKnow;
  surface: Surface;
  policy: GuardPolicy;
}): Promise<Item> {
  const { memory, question, asker, who } = input;
  const title = question.trim().slice(0, TITLE_MAX);
  const wanted = normaliseQuestion(title);
  const existing = memory
    .list({ kind: 'question' })
    .find((item) => isOpen(item) && normaliseQuestion(item.title) === wanted);
  if (existing) return existing;
  const guarded = guardNewItem(
    {
      kind: 'question',
      title,
      body: `Asked by ${asker}. Nothing in the team memory covered it; ${who.owner} was named (${who.via}).`,
      owner: who.owner,
      source: { surface: input.surface },
      tags: who.tags,
    },
    input.policy,
  );
  return memory.create(guarded.value, assistantOf(memory.space));
}
