import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EnsembleError, ErrorCode, type SpaceGrants, summarize, TokenClaims } from '@ensemble/core';
import { DEFAULT_CONFIG_FILE, loadConfig } from '@ensemble/runtime';
import { createToken, hubSecret } from '@ensemble/sync-server';
import { parseWithUsage } from '../args.js';
import type { Command } from '../io.js';
import { assertKnownScope } from '../token-scope.js';

const usage = `Usage: ensemble token create --person <id> [--write <space>]... [--read <space>]... [--ttl 30d]
                             [--data-dir <dir>] [--config <file>]

Prints a token for one person, signed with the hub's secret (<data-dir>/hub-secret or
ENSEMBLE_TOKEN_SECRET). Run it where the hub's data directory is.
  --person <id>      the person the token names, e.g. alice
  --write <space>    a space they may write (and read), e.g. acme/platform; repeatable
  --read <space>     a space they may read, or acme/* for every space of the org; repeatable
  --ttl <duration>   lifetime like 30d, 12h, 15m (default hub.tokenTtl, 30d)`;

export const tokenCreate: Command = {
  summary: 'print a signed token for a person',
  usage,
  async run(args, io) {
    const { values } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: {
          person: { type: 'string' },
          write: { type: 'string', multiple: true },
          read: { type: 'string', multiple: true },
          ttl: { type: 'string' },
          'data-dir': { type: 'string' },
          config: { type: 'string' },
        },
        allowPositionals: false,
        strict: true,
      }),
    );
    const spaces: SpaceGrants = {};
    for (const space of values.read ?? []) spaces[space] = 'read';
    for (const space of values.write ?? []) spaces[space] = 'write';
    if (Object.keys(spaces).length === 0) {
      throw new EnsembleError(
        ErrorCode.InvalidInput,
        `Grant at least one space with --write or --read.\n\n${usage}`,
      );
    }
    const claims = TokenClaims.safeParse({ sub: values.person, spaces });
    if (!claims.success) {
      throw new EnsembleError(ErrorCode.InvalidInput, `${summarize(claims.error)}\n\n${usage}`);
    }
    const config = loadConfig({ path: values.config, env: io.env, cwd: io.cwd });
    assertKnownScope(
      config,
      claims.data.sub,
      claims.data.spaces,
      values.config ?? io.env.ENSEMBLE_CONFIG ?? DEFAULT_CONFIG_FILE,
    );
    const dataDir = resolve(io.cwd, values['data-dir'] ?? config.hub.dataDir);
    const token = await createToken(
      hubSecret(dataDir, io.env),
      claims.data,
      values.ttl ?? config.hub.tokenTtl,
    );
    io.stdout(`${token}\n`);
  },
};
