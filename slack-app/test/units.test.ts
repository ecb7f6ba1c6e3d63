import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleConfig, EnsembleError, SlackConfig } from '@ensemble/core';
import { silentLogger } from '@ensemble/runtime';
import { describe, expect, it } from 'vitest';
import { EventDedupe } from '../src/dedupe.js';
import { PostedStore } from '../src/digest/posted-store.js';
import { scheduleDigests } from '../src/digest/schedule.js';
import { isoWeek } from '../src/digest/week.js';
import { Directory } from '../src/directory.js';
import { readSecrets } from '../src/env.js';
import { parseDecide } from '../src/listeners/capture-command.js';
import { stripMentions } from '../src/thread.js';

describe('event_id dedupe', () => {
  it('drops repeats within the TTL and forgets after it', () => {
    let now = 0;
    const dedupe = new EventDedupe({ ttlMs: 1000, now: () => now });
    expect(dedupe.firstTime('Ev1')).toBe(true);
    expect(dedupe.firstTime('Ev1')).toBe(false);
    now = 1500;
    expect(dedupe.firstTime('Ev1')).toBe(true);
  });

  it('stays bounded', () => {
    const dedupe = new EventDedupe({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) dedupe.firstTime(id);
    expect(dedupe.size).toBe(3);
    expect(dedupe.firstTime('e')).toBe(false);
    expect(dedupe.firstTime('a')).toBe(true);
  });
});

describe('digest week', () => {
  it('uses ISO weeks in the configured time zone', () => {
    expect(isoWeek(new Date('2026-11-25T12:00:00Z'), 'UTC')).toBe('2026-W48');
    expect(isoWeek(new Date('2021-01-03T12:00:00Z'), 'UTC')).toBe('2020-W53');
    // Sunday 23:30 UTC is already Monday in Tokyo: the next week there.
    expect(isoWeek(new Date('2026-11-29T23:30:00Z'), 'UTC')).toBe('2026-W48');
    expect(isoWeek(new Date('2026-11-29T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-W49');
  });
});

describe('digest schedule', () => {
  it('fires on the cron in the configured time zone, and not at all when disabled', async () => {
    const posted: string[] = [];
    const berlin = scheduleDigests(
      { cron: '0 9 * * MON', timezone: 'Europe/Berlin', enabled: true },
      async () => posted.push('run'),
      silentLogger,
    );
    // Monday 09:00 in Berlin is 08:00 UTC in winter.
    expect(berlin.nextRun(new Date('2026-11-25T12:00:00Z'))?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    berlin.stop();
    const off = scheduleDigests(
      { cron: '* * * * * *', timezone: 'UTC', enabled: false },
      async () => posted.push('off'),
      silentLogger,
    );
    expect(off.isRunning()).toBe(false);
    off.stop();
    const every = scheduleDigests(
      { cron: '* * * * * *', timezone: 'UTC', enabled: true },
      async () => posted.push('tick'),
      silentLogger,
    );
    await every.trigger();
    every.stop();
    expect(posted).toEqual(['tick']);
  });
});

describe('posted store', () => {
  it('lets exactly one claim win, keeps what was posted, and frees a failed claim', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensemble-posted-'));
    try {
      const a = new PostedStore(dir);
      const b = new PostedStore(dir);
      const wins = await Promise.all([a.claim('k', 'C1'), b.claim('k', 'C1'), a.claim('k', 'C1')]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      await a.complete('k', 'C1', '123.456');
      expect(await b.get('k')).toMatchObject({ state: 'posted', ts: '123.456' });
      expect(await b.claim('other', 'C1')).toBe(true);
      await b.release('other');
      expect(await a.claim('other', 'C1')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('input parsing', () => {
  it('parses /decide and refuses an empty or overlong title', () => {
    expect(parseDecide(' Use Yjs | for memory ')).toEqual({ title: 'Use Yjs', body: 'for memory' });
    expect(parseDecide('Just a title')).toEqual({ title: 'Just a title', body: '' });
    expect(() => parseDecide(' | body')).toThrow(/Usage: \/decide/);
    expect(() => parseDecide('x'.repeat(201))).toThrow(/under 200/);
  });

  it('strips Slack mention markup from questions', () => {
    expect(stripMentions('<@UBOT>  which   DB?  <@U1|bob>')).toBe('which DB?');
  });

  it('reads secrets only from the named environment variables and says which are missing', () => {
    const slack = EnsembleConfig.parse({}).slack;
    expect(() => readSecrets(slack, {})).toThrow(/SLACK_BOT_TOKEN.*ENSEMBLE_TOKEN_SECRET/);
    expect(() => readSecrets(slack, { SLACK_BOT_TOKEN: 'x', ENSEMBLE_TOKEN_SECRET: 's'.repeat(32) })).toThrow(
      /SLACK_SIGNING_SECRET/,
    );
    const socket = { ...slack, mode: 'socket' as const };
    expect(() =>
      readSecrets(socket, { SLACK_BOT_TOKEN: 'x', ENSEMBLE_TOKEN_SECRET: 's'.repeat(32) }),
    ).toThrow(/SLACK_APP_TOKEN/);
    expect(
      readSecrets(slack, {
        SLACK_BOT_TOKEN: 'x',
        SLACK_SIGNING_SECRET: 'y',
        ENSEMBLE_TOKEN_SECRET: 's'.repeat(32),
      }),
    ).toMatchObject({ botToken: 'x', signingSecret: 'y' });
  });

  it('refuses a channel mapped to an unknown team and maps people to mentions', () => {
    // The config schema refuses the mapping; the directory still guards a config built in code.
    const slack = { channels: [{ channelId: 'C123', team: 'ghost' }] };
    expect(EnsembleConfig.safeParse({ slack }).error?.issues[0]?.path).toEqual([
      'slack',
      'channels',
      0,
      'team',
    ]);
    const bad = { ...EnsembleConfig.parse({}), slack: SlackConfig.parse(slack) };
    expect(() => new Directory(bad)).toThrow(EnsembleError);
    const config = EnsembleConfig.parse({
      people: [
        { id: 'alice', name: 'Alice', slackUserId: 'UALICE' },
        { id: 'bob', name: 'Bob' },
      ],
      teams: [{ id: 'platform', name: 'Platform' }],
      slack: { channels: [{ channelId: 'C123', team: 'platform' }] },
    });
    const directory = new Directory(config);
    expect(directory.mention('alice')).toBe('<@UALICE>');
    expect(directory.mention('bob')).toBe('bob');
    expect(directory.personOfSlackUser('UALICE')).toBe('alice');
    expect(() => directory.personOfSlackUser('UX')).toThrow(/slackUserId: UX/);
    expect(() => directory.requireTeamOfChannel('C999')).toThrow(/slack\.channels/);
  });
});
