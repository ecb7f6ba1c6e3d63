import type { Item } from '@ensemble/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned } from './fakes/sign.js';
import {
  blockText,
  C_PLATFORM,
  eventEnvelope,
  type Harness,
  PLATFORM,
  SIGNING_SECRET,
  startHarness,
  waitFor,
} from './harness.js';

describe('capturing decisions', () => {
  let h: Harness;
  const decisions = async (): Promise<Item[]> =>
    (await (await h.hubAs('alice')).list(PLATFORM, { kind: 'decision' })).items;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('message shortcut opens a prefilled modal; submitting records the item with its permalink', async () => {
    const ts = '1800000100.000100';
    const text = 'We will deploy on Fridays only before noon\nIncidents on Friday evenings hurt.';
    h.fake.addMessage(C_PLATFORM, { ts, text, user: 'UBOB' });
    const shortcut = {
      type: 'message_action',
      callback_id: 'record_decision',
      trigger_id: 'trigger-1',
      team: { id: 'T1' },
      user: { id: 'UBOB', team_id: 'T1' },
      channel: { id: C_PLATFORM },
      message: { type: 'message', ts, text, user: 'UBOB' },
      response_url: 'http://127.0.0.1:1/unused',
    };
    expect((await postSigned(h.url, SIGNING_SECRET, shortcut, { kind: 'payload' })).status).toBe(200);
    const open = await waitFor(() => h.fake.callsTo('views.open')[0], 'views.open');
    const view = open.args.view as { blocks: Array<Record<string, unknown>>; private_metadata: string };
    expect(blockText(view.blocks)).toContain('We will deploy on Fridays only before noon');
    // Ownership rules give every tagged item to alice; untagged falls back to who recorded it.
    expect(blockText(view.blocks[2])).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Bob (bob)"}',
    );

    const submission = {
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'UBOB', team_id: 'T1' },
      view: {
        id: 'V_MODAL',
        callback_id: 'record_decision_modal',
        private_metadata: view.private_metadata,
        state: {
          values: {
            title: { title: { type: 'plain_text_input', value: 'Deploy on Fridays only before noon' } },
            body: { body: { type: 'plain_text_input', value: 'Incidents on Friday evenings hurt.' } },
            owner: { owner: { type: 'static_select', selected_option: { value: 'alice' } } },
          },
        },
      },
    };
    expect((await postSigned(h.url, SIGNING_SECRET, submission, { kind: 'payload' })).status).toBe(200);
    const item = await waitFor(
      async () => (await decisions()).find((i) => i.title === 'Deploy on Fridays only before noon'),
      'the recorded decision in the hub',
    );
    expect(item.owner).toBe('alice');
    expect(item.status).toBe('proposed');
    expect(item.createdBy).toEqual({ kind: 'person', id: 'bob' });
    expect(item.source).toEqual({
      surface: 'slack',
      link: 'https://fake.slack/archives/CPLATFORM/p1800000100000100',
    });
    const card = await waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts),
      'the card in the thread',
    );
    expect(blockText(card.args.blocks)).toContain('item_confirm');
  });

  it('a modal without a title is refused with a field error and stores nothing', async () => {
    const before = (await decisions()).length;
    const response = await postSigned(
      h.url,
      SIGNING_SECRET,
      {
        type: 'view_submission',
        user: { id: 'UBOB' },
        view: { callback_id: 'record_decision_modal', private_metadata: '{}', state: { values: {} } },
      },
      { kind: 'payload' },
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ response_action: 'errors' });
    expect((await decisions()).length).toBe(before);
  });

  it('the capture reaction records a proposed decision once, however many people react', async () => {
    const ts = '1800000200.000100';
    h.fake.addMessage(C_PLATFORM, {
      ts,
      text: 'Feature flags live in LaunchDarkly from now on',
      user: 'UBOB',
    });
    const react = (user: string) =>
      postSigned(
        h.url,
        SIGNING_SECRET,
        eventEnvelope({
          type: 'reaction_added',
          user,
          reaction: 'pushpin',
          item: { type: 'message', channel: C_PLATFORM, ts },
          item_user: 'UBOB',
          event_ts: '1800000201.000100',
        }),
      );
    await react('UALICE');
    const item = await waitFor(
      async () =>
        (await decisions()).find((i) => i.title === 'Feature flags live in LaunchDarkly from now on'),
      'the pinned decision',
    );
    expect(item.owner).toBe('alice');
    expect(item.source.link).toBe('https://fake.slack/archives/CPLATFORM/p1800000200000100');
    await waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts),
      'the thread reply with buttons',
    );
    await react('UBOB');
    await waitFor(
      () => h.logs.some((l) => l.includes('"already_captured"')),
      'the second reaction to be recognised',
    );
    const pinned = (await decisions()).filter((i) => i.source.link === item.source.link);
    expect(pinned).toHaveLength(1);
  });

  it('/decide title | body records a decision whose source is the card it posted', async () => {
    const response = await postSigned(
      h.url,
      SIGNING_SECRET,
      {
        command: '/decide',
        text: 'Retire the v1 API by March | Clients have moved to v2.',
        user_id: 'UALICE',
        channel_id: C_PLATFORM,
        team_id: 'T1',
        trigger_id: 't',
        response_url: 'http://127.0.0.1:1/unused',
      },
      { kind: 'form' },
    );
    expect(response.status).toBe(200);
    const item = await waitFor(
      async () =>
        (await decisions()).find(
          (i) => i.title === 'Retire the v1 API by March' && i.source.link !== undefined,
        ),
      'the decision with its permalink',
    );
    expect(item.body).toBe('Clients have moved to v2.');
    expect(item.owner).toBe('alice');
    expect(item.source.link).toMatch(/^https:\/\/fake\.slack\/archives\/CPLATFORM\/p/);
  });

  it('captures a reply inside a thread by its own text', async () => {
    const root = '1800000250.000100';
    const reply = '1800000251.000100';
    h.fake.addMessage(C_PLATFORM, { ts: root, text: 'Which queue do we use?', user: 'UBOB' });
    h.fake.addMessage(C_PLATFORM, {
      ts: reply,
      thread_ts: root,
      text: 'Queues run on NATS JetStream',
      user: 'UALICE',
    });
    await postSigned(
      h.url,
      SIGNING_SECRET,
      eventEnvelope({
        type: 'reaction_added',
        user: 'UBOB',
        reaction: 'pushpin',
        item: { type: 'message', channel: C_PLATFORM, ts: reply },
      }),
    );
    const item = await waitFor(
      async () => (await decisions()).find((i) => i.source.link?.endsWith('p1800000251000100')),
      'the decision from the thread reply',
    );
    expect(item.title).toBe('Queues run on NATS JetStream');
  });

  it('logs ids and codes, never the captured text', () => {
    const logs = h.logs.join('\n');
    expect(logs).toContain('decision_recorded');
    expect(logs).not.toContain('LaunchDarkly');
    expect(logs).not.toContain('Fridays');
  });

  it('/decide without a title answers with usage and stores nothing', async () => {
    const before = (await decisions()).length;
    const response = await postSigned(
      h.url,
      SIGNING_SECRET,
      {
        command: '/decide',
        text: '  | only details',
        user_id: 'UALICE',
        channel_id: C_PLATFORM,
        team_id: 'T1',
      },
      { kind: 'form' },
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Usage: /decide'),
    });
    expect((await decisions()).length).toBe(before);
  });
});
