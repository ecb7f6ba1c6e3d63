import type { SlackDigestConfig } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import { Cron } from 'croner';

/**
 * Runs `post` on the digest cron in the digest time zone. `protect` skips a tick while the
 * previous run is still going; a failed run is logged and the next tick tries again.
 */
export function scheduleDigests(
  config: SlackDigestConfig,
  post: () => Promise<unknown>,
  logger: Logger,
): Cron {
  return new Cron(
    config.cron,
    { timezone: config.timezone, protect: true, paused: !config.enabled },
    async () => {
      await post().catch((e: { code?: string }) =>
        logger.error('digest_run_failed', { code: e.code ?? 'internal' }),
      );
    },
  );
}
