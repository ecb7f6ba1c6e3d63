import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleConfig, person } from '@ensemble/core';
import { silentLogger } from '@ensemble/runtime';
import { createToken, type Hub, hubSecret, startHub } from '@ensemble/sync-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSpace } from '../../src/local-space.js';
import { syncServerUrl } from '../../src/settings.js';
import { stateFileOf } from '../../src/state-file.js';
import { waitFor } from './wait-for.js';

const SPACE = 'acme/platform';
const decision = (title: string) => ({
  kind: 'decision' as const,
  title,
  source: { surface: 'vscode' as const },
});

describe('local copy of a team space', () => {
  let dir: string;
  let hub: Hub;
  let token: string;
  const open: LocalSpace[] = [];
  const openSpace = async (storage: string) => {
    const space = await LocalSpace.open({
      space: SPACE,
      storageDir: join(dir, storage),
      logger: silentLogger,
      saveDelayMs: 10,
    });
    open.push(space);
    return space;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensemble-ext-'));
    const dataDir = join(dir, 'hub');
    hub = await startHub({
      config: EnsembleConfig.parse({ hub: { port: 0, dataDir } }),
      logger: silentLogger,
    });
    token = await createToken(hubSecret(dataDir), { sub: 'alice', spaces: { [SPACE]: 'write' } }, '1h');
  });

  afterEach(async () => {
    for (const space of open.splice(0)) await space.dispose();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps decisions recorded offline on disk across restarts', async () => {
    const first = await openSpace('a');
    const item = first.memory.create(decision('Use PostgreSQL'), person('alice'));
    await first.dispose();
    open.length = 0;
    const again = await openSpace('a');
    expect(again.memory.get(item.id)?.title).toBe('Use PostgreSQL');
    expect(again.state).toBe('offline');
  });

  it('redacts secrets and personal data before they reach the local copy or the hub', async () => {
    const space = await openSpace('s');
    const item = space.memory.create(
      {
        ...decision('Deploy key'),
        body: 'Use ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ, ask alice@example.com',
      },
      person('alice'),
    );
    expect(item.body).toBe('Use [redacted:secret], ask [redacted:email]');
    expect(JSON.stringify(space.doc.getMap('items').toJSON())).not.toMatch(/ghp_|alice@example/);
  });

  it('merges offline writes into the hub on connect, and receives what others wrote', async () => {
    const mine = await openSpace('mine');
    const offline = mine.memory.create(decision('Retry three times'), person('alice'));
    const theirs = await openSpace('theirs');
    theirs.connect(syncServerUrl(hub.url), token);
    await theirs.whenSynced(10_000);
    const remote = theirs.memory.create(decision('Cache for five minutes'), person('alice'));

    mine.connect(syncServerUrl(hub.url), token);
    await mine.whenSynced(10_000);
    await waitFor(() => theirs.memory.get(offline.id), {
      what: 'the offline decision to reach the other copy',
    });
    await waitFor(() => mine.memory.get(remote.id), { what: 'the remote decision to reach the local copy' });
    expect(
      mine.memory
        .list()
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Cache for five minutes', 'Retry three times']);
  });

  it('reports unauthorized for a token the hub rejects, and keeps local writes', async () => {
    const space = await openSpace('a');
    const item = space.memory.create(decision('Use PostgreSQL'), person('alice'));
    space.connect(syncServerUrl(hub.url), `${token.slice(0, -4)}AAAA`);
    await waitFor(() => space.state === 'unauthorized', { what: 'unauthorized state' });
    expect(space.memory.get(item.id)).toBeDefined();
  });

  it('sets an unreadable local copy aside instead of failing or deleting it', async () => {
    const storage = join(dir, 'broken');
    const file = stateFileOf(storage, SPACE);
    const first = await openSpace('broken');
    first.memory.create(decision('Use PostgreSQL'), person('alice'));
    await first.flush();
    await writeFile(file, Buffer.from('definitely not a yjs update'));
    const space = await openSpace('broken');
    expect(space.memory.list()).toEqual([]);
    const kept = (await readdir(join(storage, 'spaces'))).filter((f) => f.includes('.unreadable-'));
    expect(kept).toHaveLength(1);
  });
});
