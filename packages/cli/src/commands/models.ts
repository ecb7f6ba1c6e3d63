import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatComparison, PromotionStore, teamSettings } from '@ensemble/assistant';
import { AssistantRole } from '@ensemble/core';
import { loadConfig } from '@ensemble/runtime';
import { parseWithUsage } from '../args.js';
import { hubOptions, hubUsage } from '../hub-target.js';
import type { Command } from '../io.js';
import { evalOptions, evalUsageLines, runComparison } from './eval.js';

const promoteUsage = `Usage: ensemble models promote --team <team> --suite <file.yaml> --candidate <model>

Runs the eval and makes the candidate the team's answer model, recorded in promotions.json in
the data dir. Refused (eval_regression) when the candidate scores below the current model.
${evalUsageLines}
${hubUsage}`;

export const modelsPromote: Command = {
  summary: "make a model the team's answer model if it passes the eval gate",
  usage: promoteUsage,
  async run(args, io) {
    const { values } = parseWithUsage(promoteUsage, () =>
      parseArgs({ args, options: { ...hubOptions, ...evalOptions }, allowPositionals: false, strict: true }),
    );
    const { comparison, promotions, deps } = await runComparison(values, io, promoteUsage);
    io.stdout(formatComparison(comparison));
    const promotion = await promotions.promote(deps.config, comparison);
    io.stdout(`Promoted ${promotion.model} for team ${promotion.team} (was ${promotion.previous}).\n`);
  },
};

const listUsage = `Usage: ensemble models list [--config <file>] [--data-dir <dir>]

Shows which model plays each role for each team, after promotions.`;

export const modelsList: Command = {
  summary: 'show the model of each team and role',
  usage: listUsage,
  async run(args, io) {
    const { values } = parseWithUsage(listUsage, () =>
      parseArgs({
        args,
        options: { config: { type: 'string' }, 'data-dir': { type: 'string' } },
        allowPositionals: false,
        strict: true,
      }),
    );
    const config = loadConfig({ path: values.config, env: io.env, cwd: io.cwd });
    const promoted = await new PromotionStore(
      resolve(io.cwd, values['data-dir'] ?? config.hub.dataDir),
    ).promoted();
    const lines = config.teams.map((team) => {
      const settings = teamSettings(config, team.id, promoted);
      const roles = AssistantRole.options.map((role) => `${role}=${settings.modelFor(role).name}`);
      return `${team.id.padEnd(20)} ${roles.join('  ')}`;
    });
    io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : 'No teams in the config.\n');
  },
};
