import type { Item } from '@ensemble/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeItemButton } from '../src/blocks/ids.js';
import { postSigned } from './fakes/sign.js';
import {
  blockText,
  C_PLATFORM,
  eventEnvelope,
  type Harness,
  MOBILE,
  PLATFORM,
  SIGNING_SECRET,
  startHarness,
  waitFor,
} from './harness.js';

describe('owner buttons and App Home', () => {
  let h: Harness;
  let proposal: Item;

  beforeAll(async () => {
    h = await startHarness();
    proposal = await (await h.hubAs('bob')).create(PLATFORM, {
      kind: 'decision',
      title: 'Adopt OpenTelemetry for tracing',
      owner: 'alice',
      source: { surface: 'slack' },
    });
  });
  afterAll(() => h.close());

  const click = (user: string, actionId: string, item: Item, space = PLATFORM) =>
    postSigned(
      h.url,
      SIGNING_SECRET,
      {
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: user },
        channel: { id: C_PLATFORM },
        container: { type: 'message', message_ts: '1800000500.000100', channel_id: C_PLATFORM },
        message: { ts: '1800000500.000100', text: 'card' },
        trigger_id: 't',
        response_url: 'http://127.0.0.1:1/unused',
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            value: encodeItemButton({ space, id: item.id }),
            action_ts: '1',
          },
        ],
      },
      { kind: 'payload' },
    );
  const current = async (id: string, space = PLATFORM) => (await h.hubAs('alice')).get(space, id);

  it('refuses confirm from someone who is not the owner, privately, and changes nothing', async () => {
    expect((await click('UBOB', 'item_confirm', proposal)).status).toBe(200);
    const refusal = await waitFor(
      () => h.fake.callsTo('chat.postEphemeral').find((c) => c.args.user === 'UBOB'),
      'the ephemeral refusal',
    );
    expect(String(refusal.args.text)).toContain('Only the owner (<@UALICE>)');
    expect((await current(proposal.id)).status).toBe('proposed');
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
  });

  it('lets the owner confirm and updates the card', async () => {
    await click('UALICE', 'item_confirm', proposal);
    await waitFor(async () => (await current(proposal.id)).status === 'accepted', 'the confirmation');
    const update = await waitFor(() => h.fake.callsTo('chat.update')[0], 'the updated card');
    expect(blockText(update.args.blocks)).toContain('Confirmed by <@UALICE>');
  });

  it('re-verify moves reviewBy forward by the configured days', async () => {
    await click('UALICE', 'item_reverify', proposal);
    const expected = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await waitFor(async () => (await current(proposal.id)).reviewBy === expected, 'the new reviewBy');
  });

  it('resolves a conflict: keep first supersedes the other side', async () => {
    const ours = await (await h.hubAs('alice')).create(PLATFORM, {
      kind: 'decision',
      title: 'Sessions expire after 30 minutes',
      source: { surface: 'cli' },
    });
    const theirs = await (await h.hubAs('carol')).create(MOBILE, {
      kind: 'decision',
      title: 'Sessions expire after 7 days',
      source: { surface: 'cli' },
    });
    const conflict = await (await h.hubAs('alice')).create(PLATFORM, {
      kind: 'conflict',
      title: 'Session expiry differs',
      owner: 'alice',
      source: { surface: 'hub' },
      conflict: {
        sides: [
          { space: PLATFORM, id: ours.id, owner: 'alice' },
          { space: MOBILE, id: theirs.id, owner: 'carol' },
        ],
      },
    });
    await click('UBOB', 'conflict_keep_first', conflict);
    await waitFor(
      () =>
        h.fake
          .callsTo('chat.postEphemeral')
          .find((c) => String(c.args.text).includes('can resolve this conflict')),
      'the refusal for a non-owner',
    );
    await click('UALICE', 'conflict_keep_first', conflict);
    await waitFor(
      async () => (await current(conflict.id)).conflict?.resolution?.outcome === 'keep-first',
      'the resolution',
    );
    expect((await current(theirs.id, MOBILE)).status).toBe('superseded');
  });

  it('App Home lists the open items of the user’s teams with their buttons', async () => {
    await (await h.hubAs('bob')).create(PLATFORM, {
      kind: 'question',
      title: 'Who owns the CDN config?',
      source: { surface: 'slack' },
    });
    await postSigned(
      h.url,
      SIGNING_SECRET,
      eventEnvelope({ type: 'app_home_opened', user: 'UBOB', tab: 'home', channel: 'D1' }),
    );
    const publish = await waitFor(
      () => h.fake.callsTo('views.publish').find((c) => c.args.user_id === 'UBOB'),
      'views.publish',
    );
    const view = blockText(publish.args.view);
    expect(view).toContain('Platform');
    expect(view).toContain('Who owns the CDN config?');
    expect(view).not.toContain('Adopt OpenTelemetry for tracing');
  });
});
