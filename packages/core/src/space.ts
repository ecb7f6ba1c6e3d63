import { z } from 'zod';

/** A space is one Y.Doc named `<org>/<team>`. */
export const SpaceId = z
  .string()
  .max(129)
  .regex(/^[a-z0-9][a-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,63}$/, 'space ids look like "acme/platform"');
export type SpaceId = z.infer<typeof SpaceId>;

export const Access = z.enum(['read', 'write']);
export type Access = z.infer<typeof Access>;

/**
 * Grants map a space id, or an org wildcard `acme/*`, to an access level.
 * `write` implies `read`.
 */
export const SpaceGrants = z.record(
  z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]*\/([a-z0-9][a-z0-9-]*|\*)$/,
      'grant keys look like "acme/platform" or "acme/*"',
    ),
  Access,
);
export type SpaceGrants = z.infer<typeof SpaceGrants>;

export function accessTo(grants: SpaceGrants, space: SpaceId): Access | undefined {
  const exact = grants[space];
  const org = space.slice(0, space.indexOf('/'));
  const wildcard = grants[`${org}/*`];
  if (exact === 'write' || wildcard === 'write') return 'write';
  return exact ?? wildcard;
}

export const canRead = (grants: SpaceGrants, space: SpaceId): boolean =>
  accessTo(grants, space) !== undefined;
export const canWrite = (grants: SpaceGrants, space: SpaceId): boolean => accessTo(grants, space) === 'write';

export function orgOf(space: SpaceId): string {
  return space.slice(0, space.indexOf('/'));
}

/** The team part of `<org>/<team>`. */
export function teamOf(space: SpaceId): string {
  return space.slice(space.indexOf('/') + 1);
}
