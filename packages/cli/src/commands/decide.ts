import { parseArgs } from 'node:util';
import { EnsembleError, ErrorCode } from '@ensemble/core';
import { parseWithUsage } from '../args.js';
import { itemLine } from '../format.js';
import { hubOptions, hubTarget, hubUsage } from '../hub-target.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble decide "<title>" [--body <text>] [--owner <person>] [--tag <tag>]... [--json]

Records a decision (proposed; the owner confirms it). The owner defaults to you.
${hubUsage}`;

export const decide: Command = {
  summary: 'record a decision',
  usage,
  async run(args, io) {
    const { values, positionals } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: {
          ...hubOptions,
          body: { type: 'string' },
          owner: { type: 'string' },
          tag: { type: 'string', multiple: true },
          json: { type: 'boolean' },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const title = positionals.join(' ').trim();
    if (!title) throw new EnsembleError(ErrorCode.InvalidInput, `Give the decision a title.\n\n${usage}`);
    const { client, space } = hubTarget(values, io);
    const item = await client.create(space, {
      kind: 'decision',
      title,
      body: values.body ?? '',
      tags: values.tag ?? [],
      source: { surface: 'cli' },
      ...(values.owner ? { owner: values.owner } : {}),
    });
    io.stdout(
      values.json ? `${JSON.stringify(item, null, 2)}\n` : `Recorded in ${space}:\n${itemLine(item)}\n`,
    );
  },
};
