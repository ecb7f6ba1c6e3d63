import type { Logger } from '@ensemble/runtime';
import type { webApi } from '@slack/bolt';
import { digestMessage } from '../blocks/digest.js';
import type { Mention } from '../blocks/mrkdwn.js';
import type { Directory } from '../directory.js';
import type { HubAccess } from '../hub/access.js';
import type { PostedStore } from './posted-store.js';
import { isoWeek } from './week.js';

const WEEK_MS = 7 * 86_400_000;

export interface DigestDeps {
  client: webApi.WebClient;
  directory: Directory;
  hub: HubAccess;
  store: PostedStore;
  logger: Logger;
  mention: Mention;
  timezone: string;
}

export interface DigestOutcome {
  channel: string;
  team: string;
  week: string;
  result: 'posted' | 'already-posted' | 'failed';
  ts?: string;
}

/** Posts this week's digest to every mapped channel that has not had it yet. */
export async function postDigests(deps: DigestDeps, now: Date): Promise<DigestOutcome[]> {
  const week = isoWeek(now, deps.timezone);
  const outcomes: DigestOutcome[] = [];
  for (const { channelId, team, space } of deps.directory.mappedChannels()) {
    const key = `digest-${team.id}-${channelId}-${week}`;
    const log = deps.logger.child({ feature: 'digest', channel: channelId, team: team.id, week });
    if (!(await deps.store.claim(key, channelId))) {
      outcomes.push({ channel: channelId, team: team.id, week, result: 'already-posted' });
      continue;
    }
    let postedTs: string | undefined | null = null;
    try {
      const session = await deps.hub.asService();
      const data = await session.client.digest(space, new Date(now.getTime() - WEEK_MS));
      const posted = await deps.client.chat.postMessage({
        channel: channelId,
        ...digestMessage(data, team.name, deps.mention, week),
      });
      postedTs = posted.ts;
      await deps.store.complete(key, channelId, posted.ts);
      outcomes.push({
        channel: channelId,
        team: team.id,
        week,
        result: 'posted',
        ...(posted.ts ? { ts: posted.ts } : {}),
      });
      log.info('digest_posted', { decisions: data.decisions.length, conflicts: data.openConflicts.length });
    } catch (e) {
      // Free the claim only when nothing reached the channel, so the next run retries; once
      // posted, a failed bookkeeping write must not lead to a second post.
      if (postedTs === null) await deps.store.release(key);
      outcomes.push({ channel: channelId, team: team.id, week, result: 'failed' });
      log.error('digest_failed', { code: (e as { code?: string }).code ?? 'internal' });
    }
  }
  return outcomes;
}
