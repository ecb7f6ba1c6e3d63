import type { SpaceStore } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../utils/wait-for.js';
import { connectClient, decision, PLATFORM, type SyncClient, startTestHub, type TestHub } from './harness.js';

/** The real file store, with `load` held until the test opens the gate. */
function gatedLoads(store: SpaceStore) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let waiting = 0;
  const wrapped: SpaceStore = {
    load: async (space, doc) => {
      waiting++;
      await gate;
      return store.load(space, doc);
    },
    append: (space, update) => store.append(space, update),
    compact: (space, doc) => store.compact(space, doc),
    pendingUpdates: (space) => store.pendingUpdates(space),
    close: () => store.close(),
  };
  return { wrapped, open: () => open(), waiting: () => waiting };
}

describe('loading a space', () => {
  let t: TestHub | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await t?.close();
  });

  it('answers no sync before the space is loaded, then handles queued frames in order', async () => {
    let gate: ReturnType<typeof gatedLoads> | undefined;
    t = await startTestHub({}, [], {
      wrapStore: (store) => {
        gate = gatedLoads(store);
        return gate.wrapped;
      },
    });
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    // Something is stored before the restart, so an early answer would visibly lack it.
    gate?.open();
    const stored = await t.client(token).create(PLATFORM, decision('Stored earlier'));
    await t.restart();

    const a = connectClient(t.syncUrl, PLATFORM, token);
    clients.push(a);
    await waitFor(() => gate?.waiting() === 1 && a.provider.wsconnected, {
      what: 'the connection to wait on the load',
    });
    const early = a.memory.create(decision('Written while loading'), { kind: 'person', id: 'alice' });
    expect(a.provider.synced).toBe(false);
    expect(a.memory.get(stored.id)).toBeUndefined();

    gate?.open();
    await a.synced();
    expect(a.memory.require(stored.id).title).toBe('Stored earlier');
    await waitFor(async () => (await t?.client(token).list(PLATFORM))?.items.some((i) => i.id === early.id), {
      what: 'the early write to be stored',
    });
  });
});
