import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerEvent } from '@ensemble/core';
import { EnsembleConfig } from '@ensemble/core';
import { HubClient, silentLogger } from '@ensemble/runtime';
import { askExtension, createToken, hubSecret, searchExtension, startHub } from '@ensemble/sync-server';
import { afterEach, describe, expect, it } from 'vitest';
import { askHub } from '../utils/ask-hub.js';
import { waitFor } from '../utils/wait-for.js';

const PLATFORM = 'acme/platform';

async function finalResult(events: AsyncIterable<AnswerEvent>) {
  let last: AnswerEvent | undefined;
  for await (const event of events) last = event;
  if (last?.type !== 'done') throw new Error(`expected a done event, got ${JSON.stringify(last)}`);
  return last.answer;
}

describe('the ask pipeline retrieving through the search index', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('answers from items the index finds, and says so when nothing covers the question', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensemble-ask-index-'));
    const config = EnsembleConfig.parse({
      org: 'acme',
      hub: { port: 0, dataDir: dir },
      teams: [{ id: 'platform', name: 'Platform', defaultOwner: 'alice' }],
    });
    const secret = hubSecret(dir, {});
    const search = searchExtension();
    const hub = await startHub({
      config,
      secret,
      logger: silentLogger,
      extensions: [search, askExtension({ retriever: search.retriever })],
    });
    cleanups.push(async () => {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const token = await createToken(secret, { sub: 'alice', spaces: { [PLATFORM]: 'write' } }, '1h');
    const client = new HubClient({ url: hub.url, token });
    const item = await client.create(PLATFORM, {
      kind: 'decision',
      title: 'Deploys go through the release pipeline',
      body: 'Every production deploy goes through the release pipeline.',
      source: { surface: 'cli' },
    });
    await waitFor(async () => (await client.search('release pipeline')).results.length > 0, {
      what: 'the item to be indexed',
    });

    const answer = await finalResult(
      askHub({ url: hub.url, token, body: { question: 'How do production deploys work?', space: PLATFORM } }),
    );
    expect(answer.sources[0]).toMatchObject({ id: item.id, space: PLATFORM, owner: 'alice' });

    const uncovered = await finalResult(
      askHub({
        url: hub.url,
        token,
        body: { question: 'Which espresso machine is in the kitchen?', space: PLATFORM },
      }),
    );
    expect(uncovered.sources).toEqual([]);
  });
});
