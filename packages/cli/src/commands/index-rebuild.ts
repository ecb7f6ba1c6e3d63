import { parseArgs } from 'node:util';
import { EnsembleError, ErrorCode, isEnsembleError } from '@ensemble/core';
import { parseWithUsage } from '../args.js';
import { hubClient, unverifiedClaims } from '../hub-target.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble index rebuild [--hub <url>] [--token <token>] [--json]

Drops the hub's search index and rebuilds it from the spaces (the shared memory is the truth;
the index is derived). Searches keep working on the old index until the new one is ready.
Needs a token with write access to every team space (e.g. "acme/*": write).
  --hub <url>       hub address (ENSEMBLE_HUB_URL, default http://127.0.0.1:4321)
  --token <token>   token from "ensemble token create" (ENSEMBLE_TOKEN)
  --json            print the hub's JSON answer`;

export const indexRebuild: Command = {
  summary: 'rebuild the search index from the spaces',
  usage,
  async run(args, io) {
    const { values } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: { hub: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } },
        allowPositionals: false,
        strict: true,
      }),
    );
    const result = await hubClient(values, io)
      .rebuildIndex()
      .catch((e: unknown) => {
        throw isEnsembleError(e) && e.code === ErrorCode.Forbidden
          ? needsWriteEverywhere(e, values.token ?? io.env.ENSEMBLE_TOKEN)
          : e;
      });
    io.stdout(
      values.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `Rebuilt the search index: ${result.rows} items from ${result.spaces.length} space(s) in ${(result.ms / 1000).toFixed(1)} s.\n`,
    );
  },
};

/** The hub names the first space it refused; the fix is one token that writes them all. */
function needsWriteEverywhere(refused: EnsembleError, token: string | undefined): EnsembleError {
  const person = (token && unverifiedClaims(token)?.sub) || '<you>';
  const space = /may not write ([a-z0-9-]+)\/([a-z0-9-]+)/.exec(refused.message);
  const org = space?.[1] ?? '<org>';
  const which = space ? `; this token cannot write ${org}/${space[2]}` : '';
  return new EnsembleError(
    ErrorCode.Forbidden,
    `Rebuilding the index needs a token with write access to every team space${which}. Create one with: ensemble token create --person ${person} --write '${org}/*'`,
  );
}
