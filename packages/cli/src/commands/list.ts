import { parseArgs } from 'node:util';
import { EnsembleError, ErrorCode, ItemKind, ItemStatus, summarize } from '@ensemble/core';
import { z } from 'zod';
import { parseWithUsage } from '../args.js';
import { listText } from '../format.js';
import { hubOptions, hubTarget, hubUsage } from '../hub-target.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble list [--kind <kind>] [--status <status>] [--owner <person>] [--tag <tag>] [--json]

Lists the items of a space, oldest first.
  --kind     ${ItemKind.options.join(' | ')}
  --status   ${ItemStatus.options.join(' | ')}
${hubUsage}`;

const Filter = z.object({
  kind: ItemKind.optional(),
  status: ItemStatus.optional(),
  owner: z.string().optional(),
  tag: z.string().optional(),
});

export const list: Command = {
  summary: 'list the items of a space',
  usage,
  async run(args, io) {
    const { values } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: {
          ...hubOptions,
          kind: { type: 'string' },
          status: { type: 'string' },
          owner: { type: 'string' },
          tag: { type: 'string' },
          json: { type: 'boolean' },
        },
        allowPositionals: false,
        strict: true,
      }),
    );
    const filter = Filter.safeParse({
      kind: values.kind,
      status: values.status,
      owner: values.owner,
      tag: values.tag,
    });
    if (!filter.success)
      throw new EnsembleError(ErrorCode.InvalidInput, `${summarize(filter.error)}\n\n${usage}`);
    const { client, space } = hubTarget(values, io);
    const result = await client.list(space, filter.data);
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : listText(result));
  },
};
