import { asEnsembleError, type EnsembleConfig, ErrorCode } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type { Mention } from '../blocks/mrkdwn.js';
import type { Directory } from '../directory.js';
import type { HubAccess } from '../hub/access.js';

/** What every listener needs; built once in app.ts. */
export interface ListenerDeps {
  config: EnsembleConfig;
  directory: Directory;
  hub: HubAccess;
  logger: Logger;
  mention: Mention;
}

/**
 * Turns anything thrown into the code we log and the sentence we show. Our errors already say
 * what to do; unexpected ones get a generic sentence so internals never reach a channel.
 */
export function explain(e: unknown): { code: ErrorCode; text: string } {
  const err = asEnsembleError(e);
  if (err.code === ErrorCode.Internal) {
    return {
      code: err.code,
      text: 'Something went wrong on our side; try again, and tell your admin if it repeats.',
    };
  }
  return { code: err.code, text: err.message };
}
