import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadTurns } from '../src/thread.js';
import { postSigned } from './fakes/sign.js';
import {
  BOT_USER,
  blockText,
  C_PLATFORM,
  eventEnvelope,
  type Harness,
  PLATFORM,
  SIGNING_SECRET,
  startHarness,
  waitFor,
} from './harness.js';

describe('@mention in a team channel', () => {
  let h: Harness;
  const QUESTION = 'which database do we use for the ledger?';

  beforeAll(async () => {
    h = await startHarness();
    const bob = await h.hubAs('bob');
    await bob.create(PLATFORM, {
      kind: 'decision',
      title: 'Use Postgres 16 for the ledger database',
      body: 'The ledger database is Postgres 16 because we need pgvector.',
      source: { surface: 'slack', link: 'https://fake.slack/archives/CPLATFORM/p1' },
    });
  });
  afterAll(() => h.close());

  const mention = (ts: string, text: string, user = 'UALICE', threadTs?: string) => {
    h.fake.addMessage(C_PLATFORM, { ts, text, user, ...(threadTs ? { thread_ts: threadTs } : {}) });
    return postSigned(
      h.url,
      SIGNING_SECRET,
      eventEnvelope({
        type: 'app_mention',
        user,
        text,
        ts,
        channel: C_PLATFORM,
        event_ts: ts,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
  };
  const postsIn = (threadTs: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === threadTs);
  /** The answers of a thread: each placeholder post, replaced by its final edit. */
  const answersIn = (threadTs: string) => {
    const placeholders = postsIn(threadTs).map((p) => String(p.args.channel) + String(h.fake.tsOf(p)));
    return placeholders
      .map((key) =>
        h.fake
          .callsTo('chat.update')
          .filter(
            (u) =>
              String(u.args.channel) + String(u.args.ts) === key &&
              blockText(u.args.blocks).includes('Sources'),
          )
          .at(-1),
      )
      .filter((u) => u !== undefined);
  };

  it('answers in the thread with blocks, a text fallback, sources and the owner as a mention', async () => {
    const response = await mention('1800000001.000100', `<@${BOT_USER}> ${QUESTION}`);
    expect(response.status).toBe(200);
    const post = await waitFor(() => answersIn('1800000001.000100')[0], 'the threaded answer');
    expect(post.args.channel).toBe(C_PLATFORM);
    expect(postsIn('1800000001.000100')[0]?.args.text).toContain('Looking through');
    expect(String(post.args.text).length).toBeGreaterThan(0);
    const blocks = blockText(post.args.blocks);
    expect(blocks).toContain('Use Postgres 16 for the ledger database');
    expect(blocks).toContain('<@UBOB>');
    expect(blocks).toContain('Sources');
  });

  it('keeps the thread as context for a follow-up', async () => {
    const root = '1800000020.000100';
    await mention(root, `<@${BOT_USER}> ${QUESTION}`);
    await waitFor(() => answersIn(root)[0], 'the first answer');
    const replies = h.fake.callsTo('conversations.replies').length;
    await mention('1800000030.000100', `<@${BOT_USER}> and why Postgres for the ledger?`, 'UBOB', root);
    const second = await waitFor(() => answersIn(root)[1], 'the follow-up answer');
    const fetched = h.fake.callsTo('conversations.replies').slice(replies);
    expect(fetched.map((c) => c.args.ts)).toEqual([root]);
    expect(blockText(second.args.blocks)).toContain('Postgres');
    // What the follow-up sent along: the question and the app's answer, oldest first.
    const turns = await threadTurns(h.app.bolt.client, C_PLATFORM, root, '1800000030.000100', BOT_USER);
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(turns[0]?.text).toBe(QUESTION);
  });

  it('tells an unknown Slack user how to get linked, privately, and asks nothing', async () => {
    const ts = '1800000040.000100';
    await mention(ts, `<@${BOT_USER}> ${QUESTION}`, 'UNOBODY');
    const ephemeral = await waitFor(
      () => h.fake.callsTo('chat.postEphemeral').find((c) => c.args.user === 'UNOBODY'),
      'the ephemeral refusal',
    );
    expect(String(ephemeral.args.text)).toContain('slackUserId: UNOBODY');
    expect(postsIn(ts)).toHaveLength(0);
  });

  it('in a channel no team owns, says in the thread how to link it', async () => {
    const ts = '1800000050.000100';
    await postSigned(
      h.url,
      SIGNING_SECRET,
      eventEnvelope({
        type: 'app_mention',
        user: 'UALICE',
        text: `<@${BOT_USER}> hi`,
        ts,
        channel: 'CRANDOM',
      }),
    );
    const reply = await waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts),
      'the explanation',
    );
    expect(String(reply.args.text)).toContain('slack.channels in ensemble.yaml');
  });

  it('never writes message text into the logs', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain('which database');
  });
});
