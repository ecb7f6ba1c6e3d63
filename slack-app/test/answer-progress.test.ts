import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerProgress } from '../src/answer-progress.js';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';

describe('answer progress message', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: 'xoxb-p', botUserId: 'UBOT' });
    client = new webApi.WebClient('xoxb-p', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => fake.close());

  const final = {
    text: 'Final answer',
    blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Final answer' } }],
  };

  it('posts a placeholder once and edits it, never more often than allowed', async () => {
    const progress = new AnswerProgress(client, 'C1', '1.1', { minIntervalMs: 0, maxEdits: 3 });
    await progress.start();
    for (let i = 0; i < 50; i++) progress.delta(`word${i} `);
    await progress.finish(final);
    const posts = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C1');
    const edits = fake.callsTo('chat.update').filter((c) => c.args.channel === 'C1');
    expect(posts).toHaveLength(1);
    expect(edits).toHaveLength(4);
    expect(edits.at(-1)?.args.text).toBe('Final answer');
    expect(new Set(edits.map((e) => e.args.ts))).toEqual(new Set([fake.tsOf(posts[0] as never)]));
  });

  it('with a long interval only the final edit is made', async () => {
    const progress = new AnswerProgress(client, 'C2', '1.1', { minIntervalMs: 60_000 });
    await progress.start();
    progress.delta('a');
    progress.delta('b');
    await progress.finish(final);
    expect(fake.callsTo('chat.update').filter((c) => c.args.channel === 'C2')).toHaveLength(1);
  });
});
