import { type Answer, EnsembleConfig } from '@ensemble/core';
import { createLogger, HubClient } from '@ensemble/runtime';
import { createToken, defaultExtensions, type Hub, hubSecret, startHub } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../hub/harness.js';
import { waitFor } from '../utils/wait-for.js';

const source = { surface: 'api' } as const;

describe('answers are cross-checked by the other teams before they are posted', () => {
  let hub: Hub | undefined;
  let remove = () => {};
  afterEach(async () => {
    await hub?.close();
    remove();
  });

  it('shows which assistant found a conflict and its owner, without content the asker may not read', async () => {
    const dir = tempDir('ensemble-answer-checks-');
    remove = dir.remove;
    const config = EnsembleConfig.parse({
      hub: { port: 0, dataDir: dir.path },
      teams: [
        { id: 'platform', name: 'Platform', members: ['alice'] },
        { id: 'payments', name: 'Payments', members: ['bob'] },
      ],
    });
    const secret = hubSecret(dir.path, {});
    const extensions = defaultExtensions({ env: {} });
    hub = await startHub({
      config,
      secret,
      logger: createLogger({ level: 'silent' }),
      extensions: extensions.all,
    });
    const token = (sub: string, spaces: Record<string, 'read' | 'write'>) =>
      createToken(secret, { sub, spaces }, '1h');
    const alice = new HubClient({ url: hub.url, token: await token('alice', { 'acme/platform': 'write' }) });
    const bob = new HubClient({ url: hub.url, token: await token('bob', { 'acme/payments': 'write' }) });
    await alice.create('acme/platform', {
      kind: 'decision',
      title: 'Orders database',
      body: 'The orders service stores its data in Postgres.',
      source,
    });
    await bob.create('acme/payments', {
      kind: 'decision',
      title: 'Orders database is MySQL',
      body: 'The orders service keeps its data in MySQL 8.',
      source,
    });
    await waitFor(
      async () => (await alice.search('orders database', { spaces: ['acme/platform'] })).results.length > 0,
    );
    await waitFor(
      async () => (await bob.search('orders database', { spaces: ['acme/payments'] })).results.length > 0,
    );
    await extensions.pipeline.idle();

    const asked: Answer = await alice.answer({
      question: 'Which database do the orders use?',
      space: 'acme/platform',
    });
    expect(asked.sources.map((s) => s.space)).toEqual(['acme/platform']);
    expect(asked.checks).toEqual([
      expect.objectContaining({ reviewer: 'assistant:acme/payments', verdict: 'conflicts' }),
    ]);
    const [check] = asked.checks;
    expect(check?.rationale).toContain('owned by bob');
    expect(check?.related).toBeUndefined();
    expect(JSON.stringify(asked)).not.toContain('MySQL 8');
  });
});
