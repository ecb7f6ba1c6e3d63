import { type Item, isOpen } from '@ensemble/core';
import type { App, webApi } from '@slack/bolt';
import { type HomeTeam, homeView } from '../blocks/home.js';
import { explain, type ListenerDeps } from './deps.js';

/** App Home: the open items of the user's teams, with their owner buttons. */
export function registerHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, deps, event.user);
  });
}

export async function publishHome(
  client: webApi.WebClient,
  deps: ListenerDeps,
  userId: string,
): Promise<void> {
  const log = deps.logger.child({ feature: 'home', user: userId });
  let teams: HomeTeam[] = [];
  let problem: string | undefined;
  try {
    const person = deps.directory.personOfSlackUser(userId);
    const today = new Date().toISOString().slice(0, 10);
    for (const { team, space } of deps.directory.teamsOf(person)) {
      const session = await deps.hub.asPerson(person, team, space);
      const { items } = await session.client.list(space);
      teams.push({ name: team.name, space, open: items.filter((i) => needsAction(i, today)) });
    }
  } catch (e) {
    const { code, text } = explain(e);
    log.warn('home_failed', { code });
    problem = text;
    teams = [];
  }
  await client.views.publish({ user_id: userId, view: homeView(teams, deps.mention, problem) });
  log.info('home_published', { teams: teams.length });
}

function needsAction(item: Item, today: string): boolean {
  if (item.kind === 'review') return false;
  const due = item.reviewBy !== undefined && item.reviewBy <= today && item.status === 'accepted';
  return isOpen(item) || due;
}
