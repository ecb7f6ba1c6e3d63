import type { ItemChange } from '@ensemble/core';
import type { HubExtension } from '@ensemble/sync-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../utils/wait-for.js';
import {
  connectClient,
  decision,
  metric,
  PLATFORM,
  type SyncClient,
  startTestHub,
  type TestHub,
} from './harness.js';

/** A seeded PRNG so a failing run can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same items (in id order: map iteration order differs between replicas) and same state vector. */
const itemsOf = (doc: Y.Doc) =>
  JSON.stringify([...doc.getMap('items').entries()].sort(([x], [y]) => (x < y ? -1 : 1)));
const sameState = (a: Y.Doc, b: Y.Doc) =>
  itemsOf(a) === itemsOf(b) && Y.encodeStateVector(a).toString() === Y.encodeStateVector(b).toString();

describe('websocket sync through the hub', () => {
  let t: TestHub;
  const clients: SyncClient[] = [];
  const changes: { space: string; changes: ItemChange[] }[] = [];
  const recorder: HubExtension = {
    name: 'recorder',
    onItemsChanged: ({ space, changes: batch }) => {
      changes.push({ space, changes: batch });
    },
  };

  beforeEach(async () => {
    changes.length = 0;
    t = await startTestHub({}, [recorder]);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await t.close();
  });

  const client = async (token: string) => {
    const c = connectClient(t.syncUrl, PLATFORM, token);
    clients.push(c);
    await c.synced();
    return c;
  };

  it('two clients converge after random concurrent edits', async () => {
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const [a, b] = [await client(token), await client(token)];
    const random = mulberry32(42);
    for (let i = 0; i < 200; i++) {
      const target = random() < 0.5 ? a : b;
      const existing = target.memory.list();
      const pick = existing[Math.floor(random() * existing.length)];
      if (pick && random() < 0.4)
        target.memory.update(pick.id, { title: `edit ${i}` }, { kind: 'person', id: 'alice' });
      else target.memory.create(decision(`decision ${i}`), { kind: 'person', id: 'alice' });
    }
    await waitFor(() => sameState(a.doc, b.doc), { what: 'both clients to hold the same state' });
    expect(a.memory.list().length).toBeGreaterThan(100);
    expect(a.memory.quarantined()).toEqual([]);
    // The hub's own copy is the same too: a third client that starts empty gets it all.
    const c = await client(token);
    await waitFor(() => sameState(a.doc, c.doc), { what: 'a fresh client to receive everything' });
  });

  it('relays presence (awareness) and removes it when a client leaves', async () => {
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const [a, b] = [await client(token), await client(token)];
    a.provider.awareness.setLocalStateField('user', { name: 'alice' });
    const idOfA = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().get(idOfA)?.user, { what: 'b to see a' });
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(idOfA), { what: 'a to disappear for b' });
  });

  it('merges edits made offline after reconnecting', async () => {
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const [a, b] = [await client(token), await client(token)];
    const shared = a.memory.create(decision('Shared'), { kind: 'person', id: 'alice' });
    await waitFor(() => b.memory.get(shared.id), { what: 'b to see the shared item' });

    b.provider.disconnect();
    const offline = b.memory.create(decision('Written offline'), { kind: 'person', id: 'alice' });
    b.memory.update(shared.id, { tags: ['offline'] }, { kind: 'person', id: 'alice' });
    const online = a.memory.create(decision('Written online'), { kind: 'person', id: 'alice' });
    expect(a.memory.get(offline.id)).toBeUndefined();

    b.provider.connect();
    await b.synced();
    await waitFor(() => sameState(a.doc, b.doc), { what: 'offline and online edits to merge' });
    expect(a.memory.require(offline.id).title).toBe('Written offline');
    expect(b.memory.require(online.id).title).toBe('Written online');
    expect(a.memory.require(shared.id).tags).toEqual(['offline']);
  });

  it('fans HTTP writes out to websocket clients and reports every surface to extensions', async () => {
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const a = await client(token);
    const viaHttp = await t.client(token).create(PLATFORM, decision('Via HTTP'));
    await waitFor(() => a.memory.get(viaHttp.id), { what: 'the HTTP write to reach the client' });

    const viaWs = a.memory.create(decision('Via websocket'), { kind: 'person', id: 'alice' });
    const listed = await waitFor(async () => {
      const { items } = await t.client(token).list(PLATFORM);
      return items.some((i) => i.id === viaWs.id) && items;
    });
    expect(listed.map((i) => i.title)).toEqual(['Via HTTP', 'Via websocket']);

    const seen = () =>
      changes.flatMap((c) => c.changes.map((ch) => `${c.space}:${ch.id}:${ch.type}:${ch.local}`));
    await waitFor(() => seen().length >= 2, { what: 'onItemsChanged for both writes' });
    expect(seen()).toEqual([`${PLATFORM}:${viaHttp.id}:added:true`, `${PLATFORM}:${viaWs.id}:added:false`]);
  });

  it('keeps items across a graceful restart and reloads an idle-unloaded space', async () => {
    await t.close();
    t = await startTestHub({ idleUnloadMs: 50 });
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const created = await t.client(token).create(PLATFORM, decision('Survives'));
    await waitFor(async () => (await metric(t.hub, 'ensemble_hub_spaces_loaded')) === 0, {
      what: 'the idle space to unload',
    });
    expect((await t.client(token).get(PLATFORM, created.id)).title).toBe('Survives');

    await t.restart();
    const a = await client(token);
    expect(a.memory.require(created.id).title).toBe('Survives');
    expect(await metric(t.hub, 'ensemble_hub_connections')).toBe(1);
  });

  it('compacts a long log without losing updates', async () => {
    await t.close();
    t = await startTestHub({ compactAfterUpdates: 5 });
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const a = await client(token);
    const ids = Array.from(
      { length: 40 },
      (_, i) => a.memory.create(decision(`n${i}`), { kind: 'person', id: 'alice' }).id,
    );
    await waitFor(async () => (await t.client(token).list(PLATFORM)).items.length === 40);
    await t.restart();
    const { items } = await t.client(token).list(PLATFORM);
    expect(items.map((i) => i.id)).toEqual(ids);
  });

  it('never logs item content or tokens', async () => {
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const a = await client(token);
    a.memory.create(decision('Secret-ish title'), { kind: 'person', id: 'alice' });
    await t.client(token).create(PLATFORM, decision('Another private title'));
    await waitFor(() => a.memory.list().length === 2);
    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(3);
    expect(all).not.toContain('private title');
    expect(all).not.toContain('Secret-ish');
    expect(all).not.toContain(token);
  });
});
