import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek } from '../src/digest/week.js';
import { blockText, C_MOBILE, C_PLATFORM, type Harness, PLATFORM, startHarness } from './harness.js';

describe('weekly digest', () => {
  let h: Harness;
  const digestPosts = (channel: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && !c.args.thread_ts);

  beforeAll(async () => {
    h = await startHarness();
    const alice = await h.hubAs('alice');
    await alice.create(PLATFORM, { kind: 'decision', title: 'Use Postgres 16', source: { surface: 'cli' } });
    await alice.create(PLATFORM, {
      kind: 'decision',
      title: 'Rotate keys yearly',
      status: 'accepted',
      reviewBy: '2020-01-01',
      source: { surface: 'cli' },
    });
    await (await h.hubAs('bob')).create(PLATFORM, {
      kind: 'question',
      title: 'Who owns the CDN?',
      source: { surface: 'slack' },
    });
  });
  afterAll(() => h.close());

  it('posts once per channel and week, even with two instances at once and after a restart', async () => {
    const now = new Date();
    const second = h.anotherInstance();
    const [a, b] = await Promise.all([h.app.postDigests(now), second.postDigests(now)]);
    const platform = [...a, ...b]
      .filter((o) => o.channel === C_PLATFORM)
      .map((o) => o.result)
      .sort();
    expect(platform).toEqual(['already-posted', 'posted']);
    expect(digestPosts(C_PLATFORM)).toHaveLength(1);
    expect(digestPosts(C_MOBILE)).toHaveLength(1);

    const restarted = h.anotherInstance();
    const again = await restarted.postDigests(now);
    expect(again.every((o) => o.result === 'already-posted')).toBe(true);
    expect(digestPosts(C_PLATFORM)).toHaveLength(1);
    expect(again[0]?.week).toBe(isoWeek(now, 'UTC'));
  });

  it('lists new decisions with owners, items due for re-verification and unanswered questions', () => {
    const post = digestPosts(C_PLATFORM)[0];
    const blocks = blockText(post?.args.blocks);
    expect(blocks).toContain('Use Postgres 16');
    expect(blocks).toContain('<@UALICE>');
    expect(blocks).toContain('Due for re-verification');
    expect(blocks).toContain('Rotate keys yearly');
    expect(blocks).toContain('Who owns the CDN?');
    expect(String(post?.args.text)).toContain('Weekly digest for Platform');
  });
});
