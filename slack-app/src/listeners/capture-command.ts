import { EnsembleError, ErrorCode } from '@ensemble/core';
import type { App } from '@slack/bolt';
import { itemCard } from '../blocks/item-card.js';
import { explain, type ListenerDeps } from './deps.js';
import { recordDecision } from './record.js';

export const DECIDE_COMMAND = '/decide';

const USAGE = 'Usage: /decide <decision> | <details>, e.g. "/decide Use Postgres 16 | pgvector needs it".';

/** `/decide title | body` records a proposed decision; its provenance is the card it posts. */
export function registerCaptureCommand(app: App, deps: ListenerDeps): void {
  app.command(DECIDE_COMMAND, async ({ ack, command, client }) => {
    const channel = command.channel_id;
    const log = deps.logger.child({ feature: 'capture_command', channel });
    let acked = false;
    try {
      const { title, body } = parseDecide(command.text);
      const { team, space } = deps.directory.requireTeamOfChannel(channel);
      const person = deps.directory.personOfSlackUser(command.user_id);
      await ack();
      acked = true;
      const item = await recordDecision(deps, { person, team, space, title, body });
      const posted = await client.chat.postMessage({
        channel,
        ...itemCard(item, space, deps.mention, `Decision recorded by ${deps.mention(person)}`),
      });
      if (posted.ts) {
        // The permalink only exists once the card is posted: attach it as the item's source.
        const { permalink } = await client.chat.getPermalink({ channel, message_ts: posted.ts });
        const session = await deps.hub.asPerson(person, team, space);
        if (permalink)
          await session.client.update(space, item.id, { source: { surface: 'slack', link: permalink } });
      }
      log.info('decision_recorded', { item: item.id });
    } catch (e) {
      const { code, text } = explain(e);
      log.warn('capture_command_failed', { code });
      if (!acked) await ack({ response_type: 'ephemeral', text });
      else await client.chat.postEphemeral({ channel, user: command.user_id, text });
    }
  });
}

export function parseDecide(text: string): { title: string; body: string } {
  const cut = text.indexOf('|');
  const title = (cut >= 0 ? text.slice(0, cut) : text).trim();
  const body = cut >= 0 ? text.slice(cut + 1).trim() : '';
  if (!title) throw new EnsembleError(ErrorCode.InvalidInput, USAGE);
  if (title.length > 200) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `The decision is ${title.length} characters; keep it under 200 and put the rest after "|".`,
    );
  }
  return { title, body };
}
