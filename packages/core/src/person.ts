import { z } from 'zod';
import { strictConfig } from './strict-config.js';

/** A person id is a handle such as `alice` or `alice.smith`; never an email (that is personal data). */
export const PersonId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'person ids are lowercase handles like "alice" or "bob.lee"');
export type PersonId = z.infer<typeof PersonId>;

/** An assistant id names the team whose assistant acted: `assistant:<org>/<team>`. */
export const AssistantId = z.string().regex(/^assistant:[a-z0-9-]+\/[a-z0-9-]+$/);
export type AssistantId = z.infer<typeof AssistantId>;

export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), id: PersonId }),
  z.object({ kind: z.literal('assistant'), id: AssistantId }),
]);
export type Actor = z.infer<typeof Actor>;

export const Person = strictConfig({
  id: PersonId,
  name: z.string().min(1).max(200),
  slackUserId: z.string().optional(),
});
export type Person = z.infer<typeof Person>;

export const person = (id: PersonId): Actor => ({ kind: 'person', id });
export const assistantOf = (space: string): Actor => ({ kind: 'assistant', id: `assistant:${space}` });
