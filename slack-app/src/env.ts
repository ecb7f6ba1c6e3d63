import { EnsembleError, ErrorCode, type SlackConfig, summarize } from '@ensemble/core';
import { z } from 'zod';

/** The secrets the app needs, read from the environment variables named in `slack` config. */
export const SlackSecrets = z.object({
  botToken: z.string().min(1),
  signingSecret: z.string().min(1).optional(),
  appToken: z.string().startsWith('xapp-', 'the app-level token starts with "xapp-"').optional(),
  hubSecret: z.string().min(32, 'the hub token secret must be at least 32 bytes (same value as the hub)'),
});
export type SlackSecrets = z.infer<typeof SlackSecrets>;

export function readSecrets(config: SlackConfig, env: Record<string, string | undefined>): SlackSecrets {
  const pick = (name: string) => (env[name] === '' ? undefined : env[name]);
  const result = SlackSecrets.safeParse({
    botToken: pick(config.botTokenEnv),
    signingSecret: pick(config.signingSecretEnv),
    appToken: pick(config.appTokenEnv),
    hubSecret: pick(config.hubSecretEnv),
  });
  if (!result.success) {
    const names: Record<string, string> = {
      botToken: config.botTokenEnv,
      signingSecret: config.signingSecretEnv,
      appToken: config.appTokenEnv,
      hubSecret: config.hubSecretEnv,
    };
    const fields = result.error.issues.map((i) => names[String(i.path[0])] ?? String(i.path[0]));
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `Set these environment variables for the Slack app: ${[...new Set(fields)].join(', ')} (${summarize(result.error)}).`,
    );
  }
  const secrets = result.data;
  if (config.mode === 'http' && !secrets.signingSecret) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `HTTP mode verifies every request: set ${config.signingSecretEnv} to the app's signing secret.`,
    );
  }
  if (config.mode === 'socket' && !secrets.appToken) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `Socket Mode needs an app-level token: set ${config.appTokenEnv} (xapp-…, scope connections:write).`,
    );
  }
  return secrets;
}
