import { z } from 'zod';
import { strictConfig } from './strict-config.js';

const EnvName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'environment variable names look like "SLACK_BOT_TOKEN"');

/** One Slack channel answered by one team's assistant; the digest is posted there too. */
export const SlackChannel = strictConfig({
  channelId: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'Slack channel ids look like "C0123ABCD"'),
  team: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'team ids are lowercase words like "platform"'),
});
export type SlackChannel = z.infer<typeof SlackChannel>;

export const SlackDigestConfig = strictConfig({
  /** Cron expression (croner syntax) in `timezone`. */
  cron: z.string().min(1).default('0 9 * * MON'),
  /** IANA time zone of the cron expression and of the digest week. */
  timezone: z.string().min(1).default('UTC'),
  enabled: z.boolean().default(true),
});
export type SlackDigestConfig = z.infer<typeof SlackDigestConfig>;

/**
 * The Slack app. Secrets (bot token, signing secret, app token, hub token secret) never sit
 * here: only the names of the environment variables that hold them.
 */
export const SlackConfig = strictConfig({
  /** `http` needs a public URL for Slack to call; `socket` (Socket Mode) does not. */
  mode: z.enum(['http', 'socket']).default('http'),
  /** Where the HTTP receiver listens (http mode). */
  host: z.string().default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(3000),
  hubUrl: z.url().default('http://127.0.0.1:4321'),
  channels: z.array(SlackChannel).default([]),
  /** Reacting with this emoji (name without colons) records the message as a proposed decision. */
  captureReaction: z
    .string()
    .regex(/^[a-z0-9_+-]+$/)
    .default('pushpin'),
  digest: SlackDigestConfig.default(SlackDigestConfig.parse({})),
  /** The "re-verify" button moves `reviewBy` this many days forward. */
  reverifyDays: z.number().int().min(1).max(3650).default(90),
  /** Where the app records what it posted (digest markers); shared by every instance. */
  dataDir: z.string().default('.data/slack'),
  /**
   * The app acts on the hub as the Slack user who clicked or wrote (the hub's actor is the
   * token's subject), so it signs short-lived tokens with the hub's token secret named here.
   */
  hubSecretEnv: EnvName.default('ENSEMBLE_TOKEN_SECRET'),
  botTokenEnv: EnvName.default('SLACK_BOT_TOKEN'),
  signingSecretEnv: EnvName.default('SLACK_SIGNING_SECRET'),
  appTokenEnv: EnvName.default('SLACK_APP_TOKEN'),
});
export type SlackConfig = z.infer<typeof SlackConfig>;
