import { EnsembleError, ErrorCode } from '@ensemble/core';
import { assertAccess, type HubContext, type HubExtension } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../utils/wait-for.js';
import { connectClient, decision, PLATFORM, type SyncClient, startTestHub, type TestHub } from './harness.js';

describe('hub extensions', () => {
  let t: TestHub | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await t?.close();
  });

  it('serve authenticated routes with params, query and body; errors keep their code', async () => {
    let ctx: HubContext | undefined;
    const echo: HubExtension = {
      name: 'echo',
      start: (c) => {
        ctx = c;
      },
      routes: [
        {
          method: 'POST',
          path: '/v1/echo/:org/:team',
          handle: (req, res) => {
            const space = `${req.params.org}/${req.params.team}`;
            assertAccess(req.principal, space, 'read');
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ who: req.principal.sub, space, q: req.query.get('q'), body: req.body }));
          },
        },
        {
          method: 'GET',
          path: '/v1/busy',
          handle: () => {
            throw new EnsembleError(ErrorCode.BudgetExceeded, 'Out of budget for today; try tomorrow.');
          },
        },
      ],
    };
    t = await startTestHub({}, [echo]);
    expect(ctx?.config.hub.port).toBe(0);
    const token = await t.token('alice', { [PLATFORM]: 'read' });
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${t?.hub.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });

    const ok = await call('/v1/echo/acme/platform?q=why', { method: 'POST', body: '{"n":1}' });
    expect(await ok.json()).toEqual({ who: 'alice', space: PLATFORM, q: 'why', body: { n: 1 } });
    const denied = await call('/v1/echo/acme/mobile', { method: 'POST' });
    expect(denied.status).toBe(403);
    const busy = await call('/v1/busy');
    expect(busy.status).toBe(429);
    expect(await busy.json()).toEqual({
      error: { code: 'budget_exceeded', message: 'Out of budget for today; try tomorrow.' },
    });
    expect((await fetch(`${t.hub.url}/v1/busy`)).status).toBe(401);
  });

  it('lets onItemsChanged write through openSpace; a failing hook is logged and changes nothing else', async () => {
    let ctx: HubContext | undefined;
    const reviewer: HubExtension = {
      name: 'reviewer',
      start: (c) => {
        ctx = c;
      },
      async onItemsChanged({ space, changes }) {
        const memory = await (ctx as HubContext).openSpace(space);
        for (const change of changes) {
          const item = memory.get(change.id);
          if (change.type === 'added' && item && !item.tags.includes('seen')) {
            memory.update(
              item.id,
              { tags: [...item.tags, 'seen'] },
              { kind: 'assistant', id: `assistant:${space}` },
            );
          }
        }
      },
    };
    const broken: HubExtension = {
      name: 'broken',
      onItemsChanged: () => {
        throw new Error('boom');
      },
    };
    t = await startTestHub({}, [broken, reviewer]);
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const a = connectClient(t.syncUrl, PLATFORM, token);
    clients.push(a);
    await a.synced();
    const created = a.memory.create(decision('Tag me'), { kind: 'person', id: 'alice' });
    await waitFor(() => a.memory.get(created.id)?.tags.includes('seen'), {
      what: 'the extension write to fan out',
    });
    expect(t.logs.some((l) => l.includes('"extension":"broken"'))).toBe(true);

    await t.restart();
    expect((await t.client(token).get(PLATFORM, created.id)).tags).toEqual(['seen']);
  });
});
