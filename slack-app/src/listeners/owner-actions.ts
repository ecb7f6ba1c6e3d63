import { EnsembleError, ErrorCode, type Item, type PersonId, type SpaceId } from '@ensemble/core';
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { ActionId, ItemButtonValue } from '../blocks/ids.js';
import { itemCard } from '../blocks/item-card.js';
import type { HubSession } from '../hub/access.js';
import { explain, type ListenerDeps } from './deps.js';
import { publishHome } from './home.js';

interface Clicked {
  session: HubSession;
  person: PersonId;
  space: SpaceId;
  id: string;
}

type Run = (clicked: Clicked) => Promise<{ item: Item; note: string }>;

/** Owner buttons: confirm, re-verify, and resolve a conflict (keep one side, or both stand). */
export function registerOwnerActions(app: App, deps: ListenerDeps): void {
  const ownerOnly =
    (verb: string, act: (c: Clicked) => Promise<Item>): Run =>
    async (c) => {
      const item = await c.session.client.get(c.space, c.id);
      if (item.owner !== c.person) {
        throw new EnsembleError(
          ErrorCode.NotOwner,
          `Only the owner (${deps.mention(item.owner)}) can ${verb} "${item.title}".`,
        );
      }
      return {
        item: await act(c),
        note: `${verb === 'confirm' ? 'Confirmed' : 'Re-verified'} by ${deps.mention(c.person)}`,
      };
    };
  on(
    app,
    deps,
    ActionId.Confirm,
    ownerOnly('confirm', (c) => c.session.client.confirm(c.space, c.id)),
  );
  on(
    app,
    deps,
    ActionId.Reverify,
    ownerOnly('re-verify', (c) =>
      c.session.client.update(c.space, c.id, { reviewBy: daysFromToday(deps.config.slack.reverifyDays) }),
    ),
  );
  const resolve =
    (outcome: 'keep-first' | 'keep-second' | 'both-stand'): Run =>
    async (c) => {
      const scope =
        outcome === 'both-stand'
          ? `Both stand, each within its own team (resolved in Slack by ${c.person}).`
          : undefined;
      const item = await c.session.client.resolveConflict(c.space, c.id, {
        outcome,
        ...(scope ? { scope } : {}),
      });
      return { item, note: `Conflict resolved (${outcome}) by ${deps.mention(c.person)}` };
    };
  on(app, deps, ActionId.KeepFirst, resolve('keep-first'));
  on(app, deps, ActionId.KeepSecond, resolve('keep-second'));
  on(app, deps, ActionId.BothStand, resolve('both-stand'));
}

function on(app: App, deps: ListenerDeps, actionId: string, run: Run): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, client }) => {
    await ack();
    const userId = body.user.id;
    const channel = body.channel?.id;
    const log = deps.logger.child({ feature: 'owner_action', action: actionId, user: userId });
    try {
      const value = parseValue(action.value);
      const person = deps.directory.personOfSlackUser(userId);
      const team = deps.directory.teamOfSpace(value.space);
      if (!team) throw new EnsembleError(ErrorCode.NotFound, `No team in ensemble.yaml owns ${value.space}.`);
      const session = await deps.hub.asPerson(person, team.team, value.space);
      const { item, note } = await run({ session, person, space: value.space, id: value.id });
      if (channel && body.message?.ts) {
        await client.chat.update({
          channel,
          ts: body.message.ts,
          ...itemCard(item, value.space, deps.mention, note),
        });
      } else {
        await publishHome(client, deps, userId);
      }
      log.info('owner_action_done', { item: item.id });
    } catch (e) {
      const { code, text } = explain(e);
      log.warn('owner_action_refused', { code });
      await tell(client, userId, channel, body.message?.thread_ts ?? body.message?.ts, text);
    }
  });
}

async function tell(
  client: webApi.WebClient,
  user: string,
  channel: string | undefined,
  threadTs: string | undefined,
  text: string,
): Promise<void> {
  if (channel) {
    await client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  } else {
    // Clicked in App Home: no channel for an ephemeral, so a direct message says why.
    await client.chat.postMessage({ channel: user, text });
  }
}

function parseValue(raw: string | undefined): ItemButtonValue {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    json = undefined;
  }
  const parsed = ItemButtonValue.safeParse(json);
  if (!parsed.success) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      'This button is out of date; open the item again from App Home.',
    );
  }
  return parsed.data;
}

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
