import type { Logger } from '@ensemble/runtime';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';

/**
 * Bolt's logger interface over our JSON logger. Bolt's own lines may quote payloads, so only a
 * short prefix of the first string argument is kept: never a whole message body.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const summary = (args: unknown[]) => {
    const first = args.find((a) => typeof a === 'string' || a instanceof Error);
    const text = first instanceof Error ? first.message : String(first ?? '');
    return text.slice(0, 120);
  };
  return {
    debug: () => undefined,
    info: (...args) => logger.info('bolt', { detail: summary(args) }),
    warn: (...args) => logger.warn('bolt', { detail: summary(args) }),
    error: (...args) => logger.error('bolt', { detail: summary(args) }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
