import { describe, expect, it } from 'vitest';
import type { HubRoute } from '../src/extension.js';
import { createRouter } from '../src/http/router.js';

const route = (method: HubRoute['method'], path: string): HubRoute => ({
  method,
  path,
  handle: () => undefined,
});

describe('createRouter', () => {
  const items = route('GET', '/v1/spaces/:org/:team/items');
  const confirm = route('POST', '/v1/spaces/:org/:team/items/:id/confirm');
  const match = createRouter([items, confirm, route('POST', '/v1/spaces/:org/:team/items')]);

  it('matches paths with params, a trailing slash and encoded segments', () => {
    expect(match('GET', '/v1/spaces/acme/platform/items/')).toEqual({
      kind: 'found',
      route: items,
      params: { org: 'acme', team: 'platform' },
    });
    expect(match('POST', '/v1/spaces/acme/platform/items/a%20b/confirm')).toMatchObject({
      route: confirm,
      params: { id: 'a b' },
    });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(match('DELETE', '/v1/spaces/acme/platform/items')).toEqual({
      kind: 'wrong-method',
      allowed: ['GET', 'POST'],
    });
    expect(match('GET', '/v1/spaces/acme/platform')).toEqual({ kind: 'none' });
    expect(match('GET', '/v1/spaces/acme/platform/items/x/confirm/more')).toEqual({ kind: 'none' });
  });
});
