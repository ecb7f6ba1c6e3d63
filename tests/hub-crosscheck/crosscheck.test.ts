import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnsembleConfig, type Item, person } from '@ensemble/core';
import { createLogger } from '@ensemble/runtime';
import {
  createToken,
  digestExtension,
  type Hub,
  hubSecret,
  type PipelineExtension,
  pipelineExtension,
  startHub,
} from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type SyncClient, tempDir } from '../hub/harness.js';
import { waitFor } from '../utils/wait-for.js';

const PLATFORM = 'acme/platform';
const PAYMENTS = 'acme/payments';
const MOBILE = 'acme/mobile';
const source = { surface: 'vscode' } as const;

interface Org {
  hub: Hub;
  dataDir: string;
  pipeline: PipelineExtension;
  clients: SyncClient[];
  token(sub: string, spaces: Record<string, 'read' | 'write'>): Promise<string>;
  connect(space: string, sub: string): Promise<SyncClient>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A hub for three teams, with the pipeline, and real y-websocket clients per team. */
async function startOrg(): Promise<Org> {
  const dir = tempDir('ensemble-crosscheck-');
  const config = EnsembleConfig.parse({
    hub: { port: 0, dataDir: dir.path },
    people: ['alice', 'bob', 'carol'].map((id) => ({ id, name: id })),
    teams: [
      { id: 'platform', name: 'Platform', members: ['alice'] },
      { id: 'payments', name: 'Payments', members: ['bob'] },
      { id: 'mobile', name: 'Mobile', members: ['carol'] },
    ],
  });
  const secret = hubSecret(dir.path, {});
  const logger = createLogger({ level: 'silent' });
  let pipeline = pipelineExtension();
  let hub = await startHub({ config, logger, secret, extensions: [pipeline, digestExtension()] });
  const clients: SyncClient[] = [];
  const org: Org = {
    get hub() {
      return hub;
    },
    get pipeline() {
      return pipeline;
    },
    clients,
    dataDir: dir.path,
    token: (sub, spaces) => createToken(secret, { sub, spaces }, '1h'),
    async connect(space, sub) {
      const token = await org.token(sub, { [space]: 'write', 'acme/*': 'read' });
      const client = connectClient(`${hub.url.replace('http', 'ws')}/v1/sync`, space, token);
      clients.push(client);
      await client.synced();
      return client;
    },
    async restart() {
      await hub.close();
      config.hub.port = hub.port;
      pipeline = pipelineExtension();
      hub = await startHub({ config, logger, secret, extensions: [pipeline, digestExtension()] });
    },
    async close() {
      for (const c of clients) c.destroy();
      await hub.close();
      dir.remove();
    },
  };
  return org;
}

const reviewsOf = (client: SyncClient, subjectId: string) =>
  client.memory.list({ kind: 'review' }).filter((r) => r.review?.subject.id === subjectId);

describe('cross-check between team assistants over real websocket clients', () => {
  let org: Org | undefined;
  afterEach(async () => {
    await org?.close();
    org = undefined;
  });

  it('records the other team’s review and a conflict naming both owners, then an owner resolves it', async () => {
    org = await startOrg();
    const payments = await org.connect(PAYMENTS, 'bob');
    const platform = await org.connect(PLATFORM, 'alice');
    const theirs = payments.memory.create(
      {
        kind: 'decision',
        title: 'Orders database',
        body: 'The orders service stores its data in MySQL.',
        source,
      },
      person('bob'),
    );
    const mine = platform.memory.create(
      {
        kind: 'decision',
        title: 'Orders database',
        body: 'The orders service stores its data in Postgres.',
        source,
      },
      person('alice'),
    );

    const conflict = await waitFor(() => platform.memory.list({ kind: 'conflict' })[0], {
      what: 'a conflict item',
    });
    expect(conflict.owner).toBe('alice');
    expect(conflict.conflict?.sides.map((s) => [s.space, s.id, s.owner])).toEqual([
      [PLATFORM, mine.id, 'alice'],
      [PAYMENTS, theirs.id, 'bob'],
    ]);
    const review = await waitFor(() => reviewsOf(payments, mine.id)[0], { what: 'the payments review' });
    expect(review.review).toMatchObject({
      verdict: 'conflicts',
      reviewer: 'assistant:acme/payments',
      judge: 'heuristic',
    });
    expect(review.owner).toBe('bob');
    await waitFor(() => platform.memory.get(mine.id)?.status === 'disputed', {
      what: 'the subject disputed',
    });

    // Both owners are told.
    const bobToken = await org.token('bob', { [PAYMENTS]: 'write' });
    const notes = await waitFor(async () => {
      const res = await fetch(`${org?.hub.url}/v1/notifications`, {
        headers: { authorization: `Bearer ${bobToken}` },
      });
      const body = (await res.json()) as { notifications: Array<{ reason: string; item: string }> };
      return body.notifications.find((n) => n.reason === 'conflict');
    });
    expect(notes.item).toBe(conflict.id);

    // Only an owner resolves; keeping payments' decision supersedes platform's.
    const resolveUrl = `${org.hub.url}/v1/conflicts/acme/platform/${conflict.id}/resolve`;
    const carolToken = await org.token('carol', { [PLATFORM]: 'write', [PAYMENTS]: 'write' });
    const refused = await fetch(resolveUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${carolToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'keep-second' }),
    });
    expect(refused.status).toBe(403);
    const aliceToken = await org.token('alice', { [PLATFORM]: 'write', 'acme/*': 'read' });
    const ok = await fetch(resolveUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'keep-second' }),
    });
    expect(ok.status).toBe(200);
    await waitFor(() => platform.memory.get(mine.id)?.status === 'superseded', {
      what: 'the dropped side superseded',
    });
    await waitFor(() => platform.memory.get(conflict.id)?.conflict?.resolution?.by === 'alice');
  });

  it('finds duplicates without raising conflicts, and never reviews the same version twice across restarts', async () => {
    org = await startOrg();
    const mobile = await org.connect(MOBILE, 'carol');
    const platform = await org.connect(PLATFORM, 'alice');
    mobile.memory.create(
      {
        kind: 'decision',
        title: 'Two approvals per pull request',
        body: 'Every pull request needs two approvals before merge.',
        source,
      },
      person('carol'),
    );
    const mine = platform.memory.create(
      {
        kind: 'decision',
        title: 'PRs need two approvals',
        body: 'A pull request requires two approvals before it can be merged.',
        source,
      },
      person('alice'),
    );
    const review = await waitFor(() => reviewsOf(mobile, mine.id)[0], { what: 'a duplicate review' });
    expect(review.review?.verdict).toBe('duplicate');
    await org.pipeline.idle();
    expect(platform.memory.list({ kind: 'conflict' })).toEqual([]);

    // A status change and a hub restart do not review the same content again…
    await org.restart();
    await waitFor(() => platform.provider.wsconnected && mobile.provider.wsconnected, {
      what: 'clients reconnected',
    });
    platform.memory.confirm(mine.id, 'alice');
    const reader = await org.token('alice', { [PLATFORM]: 'read' });
    await waitFor(
      async () => {
        const res = await fetch(`${org?.hub.url}/v1/spaces/acme/platform/items/${mine.id}`, {
          headers: { authorization: `Bearer ${reader}` },
        });
        return ((await res.json()) as Item).status === 'accepted';
      },
      { what: 'the hub to hold the confirmation' },
    );
    await org.pipeline.idle();
    expect(reviewsOf(mobile, mine.id)).toHaveLength(1);

    // …but an edit of the content is a new version to check.
    platform.memory.update(
      mine.id,
      { body: 'A pull request requires two approvals, one from a code owner.' },
      person('alice'),
    );
    await waitFor(() => reviewsOf(mobile, mine.id).length === 2, { what: 'a review of the new content' });
  });

  it('redacts secrets a raw client wrote before anything else sees them in later reads', async () => {
    org = await startOrg();
    const platform = await org.connect(PLATFORM, 'alice');
    const leaked: Item = platform.memory.create(
      {
        kind: 'context',
        title: 'Deploy key',
        body: 'Use AKIAZ7Q3XK2M5N8P4R6T with the deploy role.',
        source,
      },
      person('alice'),
    );
    await waitFor(() => !platform.memory.get(leaked.id)?.body.includes('AKIAZ7Q3XK2M5N8P4R6T'), {
      what: 'redaction',
    });
    expect(platform.memory.get(leaked.id)?.body).toMatch(/\[redacted:secret\]/);
    // …and the clear text does not stay in the stored log.
    await org.pipeline.idle();
    const folder = join(org.dataDir, 'spaces', 'acme', 'platform');
    await waitFor(() =>
      readdirSync(folder).every((f) => !readFileSync(join(folder, f)).includes('AKIAZ7Q3XK2M5N8P4R6T')),
    );
  });
});
