import { CloseCode } from '@ensemble/sync-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../utils/wait-for.js';
import {
  connectClient,
  decision,
  MOBILE,
  metric,
  PLATFORM,
  refusedStatus,
  type SyncClient,
  startTestHub,
  type TestHub,
} from './harness.js';

describe('hub authentication and access', () => {
  let t: TestHub;
  const clients: SyncClient[] = [];
  beforeEach(async () => {
    t = await startTestHub();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await t.close();
  });
  const client = async (token: string, space = PLATFORM) => {
    const c = connectClient(t.syncUrl, space, token);
    clients.push(c);
    await c.synced();
    return c;
  };

  it('refuses a websocket without a valid token before the upgrade', async () => {
    const url = `${t.syncUrl}/${PLATFORM}`;
    expect(await refusedStatus(url)).toBe(401);
    expect(await refusedStatus(`${url}?token=not-a-jwt`)).toBe(401);
    const otherHub = await startTestHub();
    const foreign = await otherHub.token('alice', { [PLATFORM]: 'write' });
    await otherHub.close();
    expect(await refusedStatus(`${url}?token=${foreign}`)).toBe(401);
    expect(await refusedStatus(url, { authorization: `Bearer ${foreign}` })).toBe(401);
    expect(await refusedStatus(`${t.syncUrl}/Not A Space?token=x`)).toBe(404);
  });

  it('refuses an expired token, on websocket and HTTP', async () => {
    const expired = await t.token('alice', { [PLATFORM]: 'write' }, '-10s');
    const longAgo = await t.token('alice', { [PLATFORM]: 'write' }, '2 days ago');
    for (const token of [expired, longAgo]) {
      expect(await refusedStatus(`${t.syncUrl}/${PLATFORM}?token=${token}`)).toBe(401);
      await expect(t.client(token).list(PLATFORM)).rejects.toMatchObject({
        code: 'unauthorized',
        message: expect.stringContaining('expired'),
      });
    }
  });

  it('closes an open connection with 4401 when its token expires', async () => {
    const shortLived = await t.token('alice', { [PLATFORM]: 'write' }, '2s');
    const ws = new WebSocket(`${t.syncUrl}/${PLATFORM}?token=${shortLived}`);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    await new Promise((resolve) => ws.once('open', resolve));
    expect(await closed).toBe(CloseCode.Unauthorized);
  });

  it('rejects a cross-team write: no access is 403, read access is read-only', async () => {
    const mobileOnly = await t.token('carol', { [MOBILE]: 'write' });
    expect(await refusedStatus(`${t.syncUrl}/${PLATFORM}?token=${mobileOnly}`)).toBe(403);
    await expect(t.client(mobileOnly).create(PLATFORM, decision('Not mine'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    const readsOrg = await t.token('carol', { [MOBILE]: 'write', 'acme/*': 'read' });
    await expect(t.client(readsOrg).create(PLATFORM, decision('Still not mine'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await t.client(readsOrg).list(PLATFORM)).items).toEqual([]);
    // Writing its own space works with the same token.
    expect((await t.client(readsOrg).create(MOBILE, decision('Mine'))).title).toBe('Mine');
  });

  it("drops a read-only client's edits: they reach neither other clients nor storage", async () => {
    const writer = await t.token('alice', { [PLATFORM]: 'write' });
    const reader = await t.token('carol', { 'acme/*': 'read' });
    const a = await client(writer);
    const before = a.memory.create(decision('Before'), { kind: 'person', id: 'alice' });
    const ro = await client(reader);
    await waitFor(() => ro.memory.get(before.id), { what: 'the reader to receive existing items' });

    const sneaky = ro.memory.create(decision('Sneaky'), { kind: 'person', id: 'carol' });
    await waitFor(async () => (await metric(t.hub, 'ensemble_hub_readonly_writes_dropped_total')) >= 1, {
      what: 'the hub to drop the read-only update',
    });
    // Later writes still reach the reader, and the writer never sees the dropped item.
    const after = a.memory.create(decision('After'), { kind: 'person', id: 'alice' });
    await waitFor(() => ro.memory.get(after.id), { what: 'the reader to keep receiving' });
    expect(a.memory.get(sneaky.id)).toBeUndefined();

    await t.restart();
    const { items } = await t.client(writer).list(PLATFORM);
    expect(items.map((i) => i.title)).toEqual(['Before', 'After']);
    expect(t.logs.some((l) => l.includes('readonly_write_dropped'))).toBe(true);
  });
});
