import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AssistantRole, type EnsembleConfig, EnsembleError, ErrorCode, summarize } from '@ensemble/core';
import { z } from 'zod';
import type { PromotedModels } from '../team-settings.js';
import type { EvalComparison } from './run.js';

export const PROMOTIONS_FILE = 'promotions.json';

export const Promotion = z.object({
  team: z.string(),
  role: AssistantRole,
  model: z.string(),
  previous: z.string(),
  passRate: z.number().min(0).max(1),
  previousPassRate: z.number().min(0).max(1),
  at: z.iso.datetime(),
});
export type Promotion = z.infer<typeof Promotion>;

const PromotionsFile = z.object({ promotions: z.array(Promotion).default([]) });

/**
 * Which models passed the eval gate, stored as promotions.json in the data directory.
 * The effective model is the config default unless a later promotion names another.
 */
export class PromotionStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, PROMOTIONS_FILE);
  }

  async history(): Promise<Promotion[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new EnsembleError(ErrorCode.InvalidConfig, `${this.file} is not valid JSON; fix or remove it.`);
    }
    const parsed = PromotionsFile.safeParse(raw);
    if (!parsed.success) {
      throw new EnsembleError(ErrorCode.InvalidConfig, `${this.file} is invalid: ${summarize(parsed.error)}`);
    }
    return parsed.data.promotions;
  }

  /** team → role → model, the latest promotion winning. */
  async promoted(): Promise<PromotedModels> {
    const out: PromotedModels = {};
    for (const p of await this.history()) out[p.team] = { ...out[p.team], [p.role]: p.model };
    return out;
  }

  /**
   * Makes the candidate the team's model for the role, but only if it scored at least as
   * well as the current model on the same suite; otherwise `eval_regression`.
   */
  async promote(
    config: EnsembleConfig,
    comparison: EvalComparison,
    role: AssistantRole = 'answer',
    now: Date = new Date(),
  ): Promise<Promotion> {
    const { current, candidate } = comparison;
    if (!(candidate.model in config.assistant.models)) {
      throw new EnsembleError(
        ErrorCode.InvalidConfig,
        `Model "${candidate.model}" is not defined under assistant.models.`,
      );
    }
    if (candidate.team !== current.team) {
      throw new EnsembleError(
        ErrorCode.InvalidInput,
        'Compare both models on the same team before promoting.',
      );
    }
    if (candidate.passRate < current.passRate) {
      throw new EnsembleError(
        ErrorCode.EvalRegression,
        `Refusing to promote ${candidate.model}: it passes ${pct(candidate.passRate)} of the suite, below ${current.model} at ${pct(current.passRate)}. Improve the candidate or keep ${current.model}.`,
        { candidate: candidate.passRate, current: current.passRate },
      );
    }
    const promotion: Promotion = {
      team: candidate.team,
      role,
      model: candidate.model,
      previous: current.model,
      passRate: candidate.passRate,
      previousPassRate: current.passRate,
      at: now.toISOString(),
    };
    const history = [...(await this.history()), promotion];
    await mkdir(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ promotions: history }, null, 2)}\n`, 'utf8');
    await rename(tmp, this.file);
    return promotion;
  }
}

function pct(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
