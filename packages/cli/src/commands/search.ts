import { parseArgs } from 'node:util';
import {
  EnsembleError,
  ErrorCode,
  ItemKind,
  ItemStatus,
  type SearchResponse,
  SpaceId,
  summarize,
} from '@ensemble/core';
import { z } from 'zod';
import { parseWithUsage } from '../args.js';
import { hubClient } from '../hub-target.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble search "<query>" [--space <id>]... [--kind <kind>] [--status <status>] [--limit <n>] [--json]

Searches decisions and context by words and meaning (hybrid BM25 + vector search) across the
spaces your token may read. Superseded and rejected items rank below accepted ones.
  --space <id>      only this space (repeat for several); default: every readable space
  --kind <kind>     ${ItemKind.options.join(' | ')}
  --status <status> ${ItemStatus.options.join(' | ')}
  --limit <n>       how many results (default 10)
  --json            print the hub's JSON answer
Hub options (or environment):
  --hub <url>       hub address (ENSEMBLE_HUB_URL, default http://127.0.0.1:4321)
  --token <token>   token from "ensemble token create" (ENSEMBLE_TOKEN)`;

const Options = z.object({
  query: z
    .string()
    .trim()
    .min(1, 'type what to search for, e.g. ensemble search "database for new services"'),
  spaces: z.array(SpaceId).default([]),
  kinds: z.array(ItemKind).default([]),
  statuses: z.array(ItemStatus).default([]),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const search: Command = {
  summary: 'search decisions and context across readable spaces',
  usage,
  async run(args, io) {
    const { values, positionals } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: {
          hub: { type: 'string' },
          token: { type: 'string' },
          space: { type: 'string', multiple: true },
          kind: { type: 'string', multiple: true },
          status: { type: 'string', multiple: true },
          limit: { type: 'string' },
          json: { type: 'boolean' },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const options = Options.safeParse({
      query: positionals.join(' '),
      spaces: values.space,
      kinds: values.kind,
      statuses: values.status,
      limit: values.limit,
    });
    if (!options.success) {
      throw new EnsembleError(ErrorCode.InvalidInput, `${summarize(options.error)}\n\n${usage}`);
    }
    const { query, ...rest } = options.data;
    const answer = await hubClient(values, io).search(query, rest);
    io.stdout(values.json ? `${JSON.stringify(answer, null, 2)}\n` : searchText(answer));
  },
};

export function searchText(answer: SearchResponse): string {
  if (answer.results.length === 0)
    return `No matches in ${answer.spaces.join(', ') || 'any readable space'}.\n`;
  const blocks = answer.results.map((hit, i) => {
    const link = hit.source.link ? `  ${hit.source.link}` : '';
    const lines = [
      `${i + 1}. ${hit.title}  [${hit.status}]`,
      `   ${hit.space}  ${hit.id}  ${hit.kind}  owner ${hit.owner}${link}`,
    ];
    if (hit.snippet) lines.push(`   ${hit.snippet}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n')}\n`;
}
