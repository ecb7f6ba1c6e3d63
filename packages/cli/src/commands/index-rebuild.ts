import { parseArgs } from 'node:util';
import { parseWithUsage } from '../args.js';
import { hubClient } from '../hub-target.js';
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
    const result = await hubClient(values, io).rebuildIndex();
    io.stdout(
      values.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `Rebuilt the search index: ${result.rows} items from ${result.spaces.length} space(s) in ${(result.ms / 1000).toFixed(1)} s.\n`,
    );
  },
};
