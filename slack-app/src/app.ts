import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { EnsembleConfig } from '@ensemble/core';
import { createLogger, type Logger } from '@ensemble/runtime';
import { App } from '@slack/bolt';
import type { Cron } from 'croner';
import { boltLogger } from './bolt-logger.js';
import { dedupeEvents } from './dedupe.js';
import { type DigestOutcome, postDigests } from './digest/post-digest.js';
import { PostedStore } from './digest/posted-store.js';
import { scheduleDigests } from './digest/schedule.js';
import { Directory } from './directory.js';
import type { SlackSecrets } from './env.js';
import { HubAccess } from './hub/access.js';
import { registerCaptureCommand } from './listeners/capture-command.js';
import { registerCaptureReaction } from './listeners/capture-reaction.js';
import { registerCaptureShortcut } from './listeners/capture-shortcut.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerHome } from './listeners/home.js';
import { registerMention } from './listeners/mention.js';
import { registerOwnerActions } from './listeners/owner-actions.js';
import { createReceiver } from './receivers.js';

export interface SlackAppOptions {
  config: EnsembleConfig;
  secrets: SlackSecrets;
  logger?: Logger;
  /** Where the Slack Web API lives; only tests change it (a fake on 127.0.0.1). */
  slackApiUrl?: string;
}

export interface SlackApp {
  readonly bolt: App;
  /** Starts the receiver (and the digest schedule); in HTTP mode resolves with the bound port. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
  /** Posts this week's digest where it was not posted yet; the schedule calls it too. */
  postDigests(now?: Date): Promise<DigestOutcome[]>;
}

/** Builds the Bolt app: a receiver, the event_id dedupe, and one listener per feature. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, secrets } = options;
  const logger = options.logger ?? createLogger({ base: { part: 'slack' } });
  const bolt = boltLogger(logger);
  const chosen = createReceiver(config.slack, secrets, bolt, options.slackApiUrl);
  const app = new App({
    token: secrets.botToken,
    receiver: chosen.receiver,
    logger: bolt,
    ...(options.slackApiUrl
      ? { clientOptions: { slackApiUrl: options.slackApiUrl, retryConfig: { retries: 0 } } }
      : {}),
  });

  dedupeEvents(app, logger);

  const directory = new Directory(config);
  const deps: ListenerDeps = {
    config,
    directory,
    hub: new HubAccess(config, secrets.hubSecret),
    logger,
    mention: (person) => directory.mention(person),
  };
  registerMention(app, deps);
  registerCaptureShortcut(app, deps);
  registerCaptureReaction(app, deps);
  registerCaptureCommand(app, deps);
  registerOwnerActions(app, deps);
  registerHome(app, deps);

  const store = new PostedStore(resolve(config.slack.dataDir, 'digests'));
  const runDigests = (now = new Date()) =>
    postDigests(
      {
        client: app.client,
        directory,
        hub: deps.hub,
        store,
        logger,
        mention: deps.mention,
        timezone: config.slack.digest.timezone,
      },
      now,
    );

  let schedule: Cron | undefined;
  return {
    bolt: app,
    postDigests: runDigests,
    async start() {
      let port: number | undefined;
      if (chosen.mode === 'http') {
        const server = await chosen.receiver.start({ port: config.slack.port, host: config.slack.host });
        port = (server.address() as AddressInfo).port;
      } else {
        await chosen.receiver.start();
      }
      schedule = scheduleDigests(config.slack.digest, () => runDigests(), logger);
      logger.info('slack_app_started', { mode: chosen.mode, port, channels: config.slack.channels.length });
      return port === undefined ? {} : { port };
    },
    async stop() {
      schedule?.stop();
      if (chosen.mode === 'socket') await chosen.receiver.client.disconnect();
      else await chosen.receiver.stop();
      logger.info('slack_app_stopped', {});
    },
  };
}
