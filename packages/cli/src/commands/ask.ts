import { parseArgs } from 'node:util';
import { type Answer, type ErrorCode as Code, EnsembleError, ErrorCode } from '@ensemble/core';
import { HubClient } from '@ensemble/runtime';
import { parseWithUsage } from '../args.js';
import { hubConnectionUsage, hubOptions, hubTarget } from '../hub-target.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble ask "<question>" [--space <id>] [--path <file>] [--json]

Asks the assistant of the team whose space is --space. The answer streams as it is written,
then lists its sources with their owners. When nothing covers the question it says who should
know and records an open question for them.
  --space <id>      the team space to ask, like acme/platform (ENSEMBLE_SPACE, default: the
                    token's only write grant)
  --path <file>     the file the question is about, for the team's ownership rules
  --json            print the final answer as JSON instead of streaming text
${hubConnectionUsage}`;

export const ask: Command = {
  summary: "ask your team's assistant",
  usage,
  async run(args, io) {
    const { values, positionals } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: { ...hubOptions, path: { type: 'string' }, json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      }),
    );
    const question = positionals.join(' ').trim();
    if (!question) throw new EnsembleError(ErrorCode.InvalidInput, `Ask a question.\n\n${usage}`);
    // The space names the answering team; hubTarget also checks the token is there.
    const { space } = hubTarget(values, io);
    const url = values.hub ?? io.env.ENSEMBLE_HUB_URL ?? 'http://127.0.0.1:4321';
    const token = values.token ?? io.env.ENSEMBLE_TOKEN ?? '';
    const body = {
      question,
      space,
      surface: 'cli' as const,
      ...(values.path ? { about: { path: values.path } } : {}),
    };
    for await (const event of new HubClient({ url, token }).ask(body)) {
      if (event.type === 'delta' && !values.json) io.stdout(event.text);
      if (event.type === 'error') throw new EnsembleError(event.code as Code, event.message);
      if (event.type === 'done') {
        io.stdout(values.json ? `${JSON.stringify(event.answer, null, 2)}\n` : footer(event.answer));
      }
    }
  },
};

function footer(result: Answer): string {
  const lines = ['', ''];
  if (result.sources.length > 0) {
    lines.push('Sources:');
    for (const s of result.sources) lines.push(`  [${s.n}] ${s.title} (${s.owner}; ${s.space} ${s.id})`);
  }
  for (const check of result.checks) {
    const about = check.related
      ? ` on "${check.related.title}" (${check.related.space}, owner ${check.related.owner})`
      : '';
    lines.push(`Checked by ${check.reviewer}: ${check.verdict}${about}`);
  }
  lines.push(`${result.covered ? 'Owners' : 'Should know'}: ${result.owners.join(', ')}`);
  if (result.partial) lines.push(`(partial answer: the ${result.exceeded ?? 'request'} limit stopped it)`);
  return `${lines.join('\n')}\n`;
}
