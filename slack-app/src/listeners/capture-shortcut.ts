import type { App } from '@slack/bolt';
import { captureModal, parseCaptureSubmission, splitMessage } from '../blocks/capture-modal.js';
import { BlockId, CallbackId } from '../blocks/ids.js';
import { itemCard } from '../blocks/item-card.js';
import { explain, type ListenerDeps } from './deps.js';
import { recordDecision } from './record.js';

/** Message shortcut "Record decision": a modal prefilled from the message, then an item in the hub. */
export function registerCaptureShortcut(app: App, deps: ListenerDeps): void {
  app.shortcut(CallbackId.RecordShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const channel = shortcut.channel.id;
    const log = deps.logger.child({ feature: 'capture_shortcut', channel });
    try {
      const { team, space } = deps.directory.requireTeamOfChannel(channel);
      const person = deps.directory.personOfSlackUser(shortcut.user.id);
      const { title, body } = splitMessage(shortcut.message.text ?? '');
      const members = new Set(team.members);
      const people = deps.directory.people();
      const owners = [
        ...people.filter((p) => members.has(p.id)),
        ...people.filter((p) => !members.has(p.id)),
      ];
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: captureModal({
          title,
          body,
          owners,
          initialOwner: deps.directory.defaultOwner(team, person),
          metadata: { space, channel, messageTs: shortcut.message.ts },
        }),
      });
      log.info('capture_modal_opened', {});
    } catch (e) {
      const { code, text } = explain(e);
      log.warn('capture_shortcut_failed', { code });
      await client.chat.postEphemeral({ channel, user: shortcut.user.id, text });
    }
  });

  app.view(CallbackId.RecordModal, async ({ ack, view, body, client }) => {
    const submission = parseCaptureSubmission(view);
    if (!submission) {
      await ack({
        response_action: 'errors',
        errors: { [BlockId.Title]: 'Enter a title for the decision and pick an owner.' },
      });
      return;
    }
    await ack();
    const { channel, messageTs, space } = submission.metadata;
    const log = deps.logger.child({ feature: 'capture_modal', channel });
    try {
      const found = deps.directory.teamOfSpace(space);
      const team = found?.team ?? deps.directory.requireTeamOfChannel(channel).team;
      const person = deps.directory.personOfSlackUser(body.user.id);
      const { permalink } = await client.chat.getPermalink({ channel, message_ts: messageTs });
      const item = await recordDecision(deps, {
        person,
        team,
        space,
        title: submission.title,
        body: submission.body,
        owner: submission.owner,
        ...(permalink ? { link: permalink } : {}),
      });
      await client.chat.postMessage({
        channel,
        thread_ts: messageTs,
        ...itemCard(item, space, deps.mention, `Decision recorded by ${deps.mention(person)}`),
      });
      log.info('decision_recorded', { item: item.id });
    } catch (e) {
      const { code, text } = explain(e);
      log.warn('capture_modal_failed', { code });
      await client.chat.postEphemeral({ channel, user: body.user.id, text });
    }
  });
}
