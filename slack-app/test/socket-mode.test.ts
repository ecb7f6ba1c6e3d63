import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER, C_PLATFORM, type Harness, startHarness, waitFor } from './harness.js';

describe('Socket Mode', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('socket');
  });
  afterAll(() => h.close());

  it('connects with the app token and answers a mention delivered over the socket', async () => {
    expect(h.fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-test');
    const ts = '1800000900.000100';
    h.fake.addMessage(C_PLATFORM, { ts, text: 'q', user: 'UALICE' });
    const ack = await h.fake.sendEnvelope({
      envelope_id: 'env-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: 'EvSocket1',
        authorizations: [{ team_id: 'T1', user_id: BOT_USER, is_bot: true }],
        event: {
          type: 'app_mention',
          user: 'UALICE',
          text: `<@${BOT_USER}> what is recorded?`,
          ts,
          channel: C_PLATFORM,
        },
      },
    });
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const placeholder = await waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts),
      'the threaded reply',
    );
    expect(placeholder.args.channel).toBe(C_PLATFORM);
    const final = await waitFor(
      () =>
        h.fake
          .callsTo('chat.update')
          .find(
            (c) =>
              c.args.ts === h.fake.tsOf(placeholder) &&
              Array.isArray(c.args.blocks) &&
              c.args.blocks.length > 1,
          ),
      'the final answer',
    );
    expect(String(final.args.text).length).toBeGreaterThan(0);
  });
});
