import { EnsembleConfig } from '@ensemble/core';
import { createLogger } from '@ensemble/runtime';
import { startHub } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { decision, PLATFORM, startTestHub, type TestHub } from './harness.js';

describe('a second hub on the same data directory', () => {
  let t: TestHub | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('is refused with a clear error, and the running hub keeps serving and storing', async () => {
    t = await startTestHub();
    const alice = t.client(await t.token('alice', { [PLATFORM]: 'write' }));
    const first = await alice.create(PLATFORM, decision('Before the second hub'));
    const config = EnsembleConfig.parse({ hub: { port: 0, dataDir: t.dataDir } });
    await expect(startHub({ config, logger: createLogger({ level: 'silent' }) })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Another hub'),
    });
    const second = await alice.create(PLATFORM, decision('After the refusal'));
    await t.restart();
    const { items } = await alice.list(PLATFORM);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });
});
