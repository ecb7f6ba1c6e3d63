import { z } from 'zod';
import { PersonId } from './person.js';
import { SpaceGrants } from './space.js';

/** What a signed hub token says: who the bearer is and which spaces they may read or write. */
export const TokenClaims = z.object({
  sub: PersonId,
  spaces: SpaceGrants,
});
export type TokenClaims = z.infer<typeof TokenClaims>;
