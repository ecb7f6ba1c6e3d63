import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleConfig, type EnsembleConfigInput, type SpaceId } from '@ensemble/core';
import { createLogger, HubClient } from '@ensemble/runtime';
import { askExtension, createToken, digestExtension, type Hub, startHub } from '@ensemble/sync-server';
import { waitFor as waitForCondition } from '../../tests/utils/wait-for.js';
import { createSlackApp, type SlackApp } from '../src/app.js';
import { EVENTS_PATH } from '../src/receivers.js';
import { type FakeSlack, startFakeSlack } from './fakes/fake-slack.js';

export const PLATFORM: SpaceId = 'acme/platform';
export const MOBILE: SpaceId = 'acme/mobile';
export const C_PLATFORM = 'CPLATFORM';
export const C_MOBILE = 'CMOBILE';
export const BOT_TOKEN = 'xoxb-test';
export const BOT_USER = 'UBOT';
export const SIGNING_SECRET = 'test-signing-secret';
export const HUB_SECRET = 'a-test-hub-secret-of-at-least-32-bytes!';

export const baseConfig = (dataDir: string): EnsembleConfigInput => ({
  org: 'acme',
  hub: { host: '127.0.0.1', port: 0, dataDir },
  people: [
    { id: 'alice', name: 'Alice', slackUserId: 'UALICE' },
    { id: 'bob', name: 'Bob', slackUserId: 'UBOB' },
    { id: 'carol', name: 'Carol', slackUserId: 'UCAROL' },
  ],
  teams: [
    {
      id: 'platform',
      name: 'Platform',
      members: ['alice', 'bob'],
      defaultOwner: 'alice',
      ownership: [{ pattern: 'tag:*', owners: ['alice'] }],
    },
    { id: 'mobile', name: 'Mobile', members: ['carol'], readsFrom: ['acme/platform'] },
  ],
  slack: {
    mode: 'http',
    host: '127.0.0.1',
    port: 0,
    channels: [
      { channelId: C_PLATFORM, team: 'platform' },
      { channelId: C_MOBILE, team: 'mobile' },
    ],
    dataDir: join(dataDir, 'slack'),
    digest: { enabled: false },
  },
});

export interface Harness {
  hub: Hub;
  fake: FakeSlack;
  app: SlackApp;
  config: EnsembleConfig;
  /** The app's Events/interactivity URL. */
  url: string;
  /** Every log line of the app and the hub, to check that no message text is logged. */
  logs: string[];
  hubAs(person: string, spaces?: Record<string, 'read' | 'write'>): Promise<HubClient>;
  /** Another app instance on the same config and data dir (a second replica or a restart). */
  anotherInstance(): SlackApp;
  close(): Promise<void>;
}

/** A real hub (ask + digest extensions) in-process, the fake Slack API, and the real Bolt app. */
export async function startHarness(mode: 'http' | 'socket' = 'http'): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ensemble-slack-'));
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const config = EnsembleConfig.parse(baseConfig(dir));
  const secret = new TextEncoder().encode(HUB_SECRET);
  const hub = await startHub({
    config,
    logger: logger.child({ part: 'hub' }),
    secret,
    extensions: [askExtension(), digestExtension()],
  });
  config.slack.hubUrl = hub.url;
  config.slack.mode = mode;
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, botUserId: BOT_USER });
  const secrets = {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    hubSecret: HUB_SECRET,
    ...(mode === 'socket' ? { appToken: 'xapp-1-test' } : {}),
  };
  const make = () =>
    createSlackApp({ config, secrets, logger: logger.child({ part: 'slack' }), slackApiUrl: fake.apiUrl });
  const app = make();
  const { port } = await app.start();
  const others: SlackApp[] = [];
  return {
    hub,
    fake,
    app,
    config,
    url: `http://127.0.0.1:${port ?? 0}${EVENTS_PATH}`,
    logs,
    async hubAs(person, spaces = { [PLATFORM]: 'write', [MOBILE]: 'write' }) {
      const token = await createToken(secret, { sub: person, spaces }, '1h');
      return new HubClient({ url: hub.url, token });
    },
    anotherInstance() {
      const other = make();
      others.push(other);
      return other;
    },
    async close() {
      await app.stop();
      await fake.close();
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let eventCounter = 0;

/** An Events API envelope around `event`, with a fresh event_id unless one is given. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${++eventCounter}${Date.now()}`) {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: BOT_USER, is_bot: true }],
    event,
  };
}

/** Waits for a condition, never for a fixed time (the cross-package tests' helper). */
export const waitFor = <T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> => waitForCondition(condition, { what, timeoutMs });

export const blockText = (blocks: unknown): string => JSON.stringify(blocks);
