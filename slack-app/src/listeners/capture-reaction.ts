import { EnsembleError, ErrorCode } from '@ensemble/core';
import type { App, webApi } from '@slack/bolt';
import { splitMessage } from '../blocks/capture-modal.js';
import { itemCard } from '../blocks/item-card.js';
import { explain, type ListenerDeps } from './deps.js';
import { recordDecision } from './record.js';

/** Reacting with the capture emoji (default :pushpin:) records the message as a proposed decision. */
export function registerCaptureReaction(app: App, deps: ListenerDeps): void {
  app.event('reaction_added', async ({ event, client }) => {
    if (event.reaction !== deps.config.slack.captureReaction || event.item.type !== 'message') return;
    const { channel, ts } = event.item;
    const mapped = deps.directory.teamOfChannel(channel);
    // Reactions happen everywhere; only mapped channels capture.
    if (!mapped) return;
    const log = deps.logger.child({ feature: 'capture_reaction', channel, ts });
    try {
      const person = deps.directory.personOfSlackUser(event.user);
      const { permalink } = await client.chat.getPermalink({ channel, message_ts: ts });
      const session = await deps.hub.asPerson(person, mapped.team, mapped.space);
      // Two people pinning the same message record it once.
      const existing = (await session.client.list(mapped.space, { kind: 'decision' })).items.find(
        (i) => permalink !== undefined && i.source.link === permalink,
      );
      if (existing) {
        log.info('already_captured', { item: existing.id });
        return;
      }
      const text = await messageText(client, channel, ts);
      const { title, body } = splitMessage(text);
      const item = await recordDecision(deps, {
        person,
        team: mapped.team,
        space: mapped.space,
        title,
        body,
        ...(permalink ? { link: permalink } : {}),
      });
      await client.chat.postMessage({
        channel,
        thread_ts: ts,
        ...itemCard(
          item,
          mapped.space,
          deps.mention,
          `Proposed decision recorded by ${deps.mention(person)}`,
        ),
      });
      log.info('decision_recorded', { item: item.id });
    } catch (e) {
      const { code, text } = explain(e);
      log.warn('capture_reaction_failed', { code });
      await client.chat.postEphemeral({ channel, user: event.user, text });
    }
  });
}

/** The reacted-to message: channel history holds top-level messages, thread replies need replies. */
async function messageText(client: webApi.WebClient, channel: string, ts: string): Promise<string> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const top = history.messages?.find((m) => m.ts === ts);
  if (top) return top.text ?? '';
  const thread = await client.conversations.replies({ channel, ts, limit: 1, inclusive: true });
  const reply = thread.messages?.find((m) => m.ts === ts);
  if (reply) return reply.text ?? '';
  throw new EnsembleError(
    ErrorCode.NotFound,
    'I cannot read that message: invite me to the channel (/invite @Ensemble) and react again.',
  );
}
