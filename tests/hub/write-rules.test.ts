import { ITEMS_KEY, type Item, person } from '@ensemble/core';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../utils/wait-for.js';
import { connectClient, decision, PLATFORM, type SyncClient, startTestHub, type TestHub } from './harness.js';

describe('write rules for raw Yjs clients', () => {
  let t: TestHub | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await t?.close();
  });

  async function setup() {
    t = await startTestHub();
    const connect = async (sub: string) => {
      const client = connectClient(
        t?.syncUrl ?? '',
        PLATFORM,
        await (t as TestHub).token(sub, { [PLATFORM]: 'write' }),
      );
      clients.push(client);
      await client.synced();
      return client;
    };
    const alice = await connect('alice');
    const carol = await connect('carol');
    const items = (c: SyncClient) => c.doc.getMap<unknown>(ITEMS_KEY);
    return { alice, carol, items };
  }

  it('restores a valid item a client overwrote with garbage or deleted without owning it', async () => {
    const { alice, carol, items } = await setup();
    const kept = alice.memory.create(decision('Keep me'), person('alice'));
    await waitFor(() => carol.memory.get(kept.id));
    items(carol).set(kept.id, { nonsense: true });
    await waitFor(
      () => alice.memory.get(kept.id)?.title === 'Keep me' && carol.memory.quarantined().length === 0,
      {
        what: 'the overwritten item restored everywhere',
      },
    );
    items(carol).delete(kept.id);
    await waitFor(() => carol.memory.get(kept.id)?.title === 'Keep me', {
      what: 'the deleted item restored',
    });
    await t?.restart();
    const stored = await t
      ?.client(await (t as TestHub).token('alice', { [PLATFORM]: 'read' }))
      .get(PLATFORM, kept.id);
    expect(stored).toEqual(kept);
  });

  it('lets only the owner accept, and records items in the writer’s own name', async () => {
    const { alice, carol, items } = await setup();
    const proposal = alice.memory.create({ ...decision('Mine to confirm'), owner: 'alice' }, person('alice'));
    await waitFor(() => carol.memory.get(proposal.id));
    items(carol).set(proposal.id, { ...proposal, status: 'accepted', version: 2 });
    await waitFor(
      () =>
        alice.memory.get(proposal.id)?.status === 'proposed' &&
        carol.memory.get(proposal.id)?.status === 'proposed',
      {
        what: 'the forged confirmation undone',
      },
    );

    const forged: Item = {
      ...proposal,
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      title: 'Forged',
      status: 'accepted',
      owner: 'bob',
      createdBy: { kind: 'person', id: 'bob' },
    };
    items(carol).set(forged.id, forged);
    const repaired = await waitFor(() => {
      const item = alice.memory.get(forged.id);
      return item?.status === 'proposed' ? item : undefined;
    });
    await waitFor(() => alice.memory.get(forged.id)?.createdBy.id === 'carol');
    expect(repaired.owner).toBe('bob');

    // The owner's own raw confirmation stands.
    items(alice).set(proposal.id, { ...proposal, status: 'accepted', version: 3 });
    await waitFor(() => carol.memory.get(proposal.id)?.status === 'accepted');
  });

  it('reopens an accepted item that someone else edited', async () => {
    const { alice, carol, items } = await setup();
    const accepted = alice.memory.create(
      { ...decision('Queue is Kafka'), status: 'accepted' },
      person('alice'),
    );
    await waitFor(() => carol.memory.get(accepted.id));
    items(carol).set(accepted.id, { ...accepted, body: 'Actually RabbitMQ', version: 2 });
    await waitFor(() => alice.memory.get(accepted.id)?.status === 'proposed', {
      what: 'the edit to reopen the item',
    });
    expect(alice.memory.get(accepted.id)?.body).toBe('Actually RabbitMQ');
  });
});
