import { EnsembleConfig } from '@ensemble/core';
import { HubClient, silentLogger } from '@ensemble/runtime';
import { createToken, type Hub, hubSecret, startHub } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decision, PLATFORM, tempDir } from './harness.js';

describe('hub item routes: owners must be people of the config', () => {
  const dir = tempDir();
  let hub: Hub;
  let api: HubClient;

  beforeAll(async () => {
    const config = EnsembleConfig.parse({
      hub: { port: 0, dataDir: dir.path },
      people: [
        { id: 'alice', name: 'Alice' },
        { id: 'bob', name: 'Bob' },
      ],
      teams: [{ id: 'platform', name: 'Platform', members: ['alice', 'bob'] }],
    });
    const secret = hubSecret(dir.path, {});
    hub = await startHub({ config, logger: silentLogger, secret });
    api = new HubClient({
      url: hub.url,
      token: await createToken(secret, { sub: 'alice', spaces: { [PLATFORM]: 'write' } }, '1h'),
    });
  });
  afterAll(async () => {
    await hub.close();
    dir.remove();
  });

  const unknownOwner = {
    code: 'invalid_input',
    message:
      'owner "zed" is not a person of this hub; use one of alice, bob, or ask a hub admin to add { id: zed, name: ... } under people in ensemble.yaml.',
  };

  it('refuses to create an item owned by an unknown person and stores nothing', async () => {
    await expect(api.create(PLATFORM, { ...decision('Use Postgres'), owner: 'zed' })).rejects.toMatchObject(
      unknownOwner,
    );
    expect((await api.list(PLATFORM)).items).toEqual([]);
    const created = await api.create(PLATFORM, { ...decision('Use Postgres'), owner: 'bob' });
    expect(created.owner).toBe('bob');
  });

  it('refuses an update or a supersede naming an unknown owner and keeps the item as it was', async () => {
    const item = await api.create(PLATFORM, { ...decision('Use Kafka'), owner: 'alice' });
    await expect(api.update(PLATFORM, item.id, { owner: 'zed', body: 'changed' })).rejects.toMatchObject(
      unknownOwner,
    );
    await expect(
      api.supersede(PLATFORM, item.id, { ...decision('Use Redpanda'), owner: 'zed' }),
    ).rejects.toMatchObject(unknownOwner);
    const after = await api.get(PLATFORM, item.id);
    expect(after).toEqual(item);
    expect((await api.list(PLATFORM)).items.map((i) => i.title).sort()).toEqual([
      'Use Kafka',
      'Use Postgres',
    ]);
    expect((await api.update(PLATFORM, item.id, { owner: 'bob' })).owner).toBe('bob');
  });
});
