import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned } from './fakes/sign.js';
import {
  C_PLATFORM,
  eventEnvelope,
  type Harness,
  PLATFORM,
  SIGNING_SECRET,
  startHarness,
  waitFor,
} from './harness.js';

describe('request verification and Slack retries', () => {
  let h: Harness;
  const count = async () => (await (await h.hubAs('alice')).list(PLATFORM)).items.length;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a bad signature gets 401 and stores nothing', async () => {
    const seeded = await (await h.hubAs('alice')).create(PLATFORM, {
      kind: 'decision',
      title: 'Existing decision stays',
      source: { surface: 'cli' },
    });
    const command = {
      command: '/decide',
      text: 'Forged decision',
      user_id: 'UALICE',
      channel_id: C_PLATFORM,
    };
    expect(
      (await postSigned(h.url, SIGNING_SECRET, command, { kind: 'form', badSignature: true })).status,
    ).toBe(401);
    expect((await postSigned(h.url, 'not-the-secret', command, { kind: 'form' })).status).toBe(401);
    const ts = '1800000300.000100';
    h.fake.addMessage(C_PLATFORM, { ts, text: 'Forged by reaction', user: 'UBOB' });
    const reaction = eventEnvelope({
      type: 'reaction_added',
      user: 'UALICE',
      reaction: 'pushpin',
      item: { type: 'message', channel: C_PLATFORM, ts },
    });
    expect((await postSigned(h.url, SIGNING_SECRET, reaction, { badSignature: true })).status).toBe(401);
    const items = (await (await h.hubAs('alice')).list(PLATFORM)).items;
    expect(items.map((i) => i.id)).toEqual([seeded.id]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a retried delivery with the same event_id is processed once', async () => {
    const before = await count();
    const ts = '1800000400.000100';
    h.fake.addMessage(C_PLATFORM, { ts, text: 'Cache TTL is five minutes', user: 'UBOB' });
    const envelope = eventEnvelope(
      {
        type: 'reaction_added',
        user: 'UBOB',
        reaction: 'pushpin',
        item: { type: 'message', channel: C_PLATFORM, ts },
      },
      'EvRETRY1',
    );
    expect((await postSigned(h.url, SIGNING_SECRET, envelope)).status).toBe(200);
    const retry = await postSigned(h.url, SIGNING_SECRET, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await waitFor(
      () => h.logs.some((l) => l.includes('event_duplicate_dropped') && l.includes('EvRETRY1')),
      'the dedupe',
    );
    await waitFor(async () => (await count()) === before + 1, 'the captured decision');
    await waitFor(() => h.fake.callsTo('chat.postMessage').some((c) => c.args.thread_ts === ts), 'the reply');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts)).toHaveLength(1);
  });
});
