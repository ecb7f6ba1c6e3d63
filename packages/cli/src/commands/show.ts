import { parseArgs } from 'node:util';
import { EnsembleError, ErrorCode } from '@ensemble/core';
import { parseWithUsage } from '../args.js';
import { itemText } from '../format.js';
import { hubOptions, hubTarget, hubUsage } from '../hub-target.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble show <id> [--json]

Shows one item of a space.
${hubUsage}`;

export const show: Command = {
  summary: 'show one item',
  usage,
  async run(args, io) {
    const { values, positionals } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: { ...hubOptions, json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      }),
    );
    const [id, ...extra] = positionals;
    if (!id || extra.length > 0)
      throw new EnsembleError(ErrorCode.InvalidInput, `Give exactly one item id.\n\n${usage}`);
    const { client, space } = hubTarget(values, io);
    const item = await client.get(space, id);
    io.stdout(values.json ? `${JSON.stringify(item, null, 2)}\n` : itemText(item));
  },
};
