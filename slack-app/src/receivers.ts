import type { SlackConfig } from '@ensemble/core';
import { type Logger as BoltLogger, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { SlackSecrets } from './env.js';

/** Events, commands, shortcuts and buttons all arrive here (see manifest.yaml). */
export const EVENTS_PATH = '/slack/events';

export type Receiver =
  | { mode: 'http'; receiver: HTTPReceiver }
  | { mode: 'socket'; receiver: SocketModeReceiver };

/** HTTP (signed requests on a public URL) or Socket Mode (no public URL), chosen by config. */
export function createReceiver(
  config: SlackConfig,
  secrets: SlackSecrets,
  logger: BoltLogger,
  slackApiUrl: string | undefined,
): Receiver {
  if (config.mode === 'socket') {
    return {
      mode: 'socket',
      receiver: new SocketModeReceiver({
        appToken: secrets.appToken ?? '',
        logger,
        ...(slackApiUrl ? { installerOptions: { clientOptions: { slackApiUrl } } } : {}),
      }),
    };
  }
  return {
    mode: 'http',
    receiver: new HTTPReceiver({
      signingSecret: secrets.signingSecret ?? '',
      endpoints: EVENTS_PATH,
      logger,
      // Ack first, then work: answers take longer than Slack's 3 s ack window.
      processBeforeResponse: false,
    }),
  };
}
