import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AnswerDeps,
  compareModels,
  type EvalComparison,
  formatComparison,
  ItemsRetriever,
  JsonlUsageLedger,
  loadEvalSuite,
  PromotionStore,
} from '@ensemble/assistant';
import { EnsembleError, ErrorCode, type Item, type SpaceId, spaceOfTeam } from '@ensemble/core';
import { loadConfig } from '@ensemble/runtime';
import { parseWithUsage } from '../args.js';
import { hubOptions, hubTarget, hubUsage } from '../hub-target.js';
import type { CliIo, Command } from '../io.js';

export const evalOptions = {
  team: { type: 'string' },
  suite: { type: 'string' },
  candidate: { type: 'string' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export const evalUsageLines = `  --team <team>        the team whose suite and models are compared
  --suite <file>       YAML suite: - question: ... expect: { items: [ids], facts: [text] }
  --candidate <model>  a model named under assistant.models in the config
  --config <file>      ensemble.yaml (ENSEMBLE_CONFIG)
  --data-dir <dir>     where usage and promotions are stored (ENSEMBLE_DATA_DIR)`;

interface EvalFlags {
  team?: string | undefined;
  suite?: string | undefined;
  candidate?: string | undefined;
  config?: string | undefined;
  'data-dir'?: string | undefined;
  hub?: string | undefined;
  token?: string | undefined;
  space?: string | undefined;
}

/**
 * Loads config and suite, snapshots the team's readable spaces from the hub, and runs the
 * candidate against the team's current model. Shared by `ensemble eval` and `models promote`.
 */
export async function runComparison(
  flags: EvalFlags,
  io: CliIo,
  usage: string,
): Promise<{ comparison: EvalComparison; promotions: PromotionStore; deps: AnswerDeps }> {
  const { team, suite: suiteFile, candidate } = flags;
  if (!team || !suiteFile || !candidate) {
    throw new EnsembleError(ErrorCode.InvalidInput, `Pass --team, --suite and --candidate.\n\n${usage}`);
  }
  const config = loadConfig({ path: flags.config, env: io.env, cwd: io.cwd });
  const dataDir = resolve(io.cwd, flags['data-dir'] ?? config.hub.dataDir);
  const suite = await loadEvalSuite(resolve(io.cwd, suiteFile));
  const teamConfig = config.teams.find((t) => t.id === team);
  if (!teamConfig) throw new EnsembleError(ErrorCode.NotFound, `No team "${team}" in the config.`);
  const own = spaceOfTeam(config, team);
  const spaces: SpaceId[] = [own, ...teamConfig.readsFrom];
  const { client } = hubTarget({ ...flags, space: flags.space ?? own }, io);
  const snapshot = new Map<SpaceId, Item[]>();
  for (const space of spaces) snapshot.set(space, (await client.list(space)).items);
  const promotions = new PromotionStore(dataDir);
  const deps: AnswerDeps = {
    config,
    retriever: new ItemsRetriever((space) => snapshot.get(space) ?? []),
    memoryOf: () => undefined,
    ledger: new JsonlUsageLedger(dataDir),
    promoted: await promotions.promoted(),
    env: io.env,
  };
  const comparison = await compareModels(suite, { team, asker: 'eval', spaces, candidate }, deps);
  return { comparison, promotions, deps };
}

const usage = `Usage: ensemble eval --team <team> --suite <file.yaml> --candidate <model> [--json]

Runs the team's eval suite against a candidate model and the team's current model over the
team's memory, and prints pass rate, cost and latency of both. Nothing is written to memory.
${evalUsageLines}
${hubUsage}`;

export const evalCommand: Command = {
  summary: 'compare a candidate model with the current one on a team eval suite',
  usage,
  async run(args, io) {
    const { values } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: { ...hubOptions, ...evalOptions, json: { type: 'boolean' } },
        allowPositionals: false,
        strict: true,
      }),
    );
    const { comparison } = await runComparison(values, io, usage);
    io.stdout(values.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison));
  },
};
