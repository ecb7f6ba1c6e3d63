import { type AnswerDeps, answer } from '../pipeline/answer.js';
import type { AnswerResult } from '../pipeline/types.js';
import { teamSettings } from '../team-settings.js';
import type { EvalCase, EvalSuite } from './suite.js';

export interface EvalCaseResult {
  question: string;
  passed: boolean;
  missingItems: string[];
  missingFacts: string[];
  latencyMs: number;
  costUsd: number;
  error?: string;
}

export interface EvalReport {
  team: string;
  model: string;
  cases: EvalCaseResult[];
  passRate: number;
  costUsd: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

export interface EvalTarget {
  team: string;
  model: string;
  asker: string;
  spaces: readonly string[];
}

function score(
  c: EvalCase,
  result: AnswerResult,
): Pick<EvalCaseResult, 'passed' | 'missingItems' | 'missingFacts'> {
  const cited = new Set(result.sources.map((s) => s.id));
  const text = result.text.toLowerCase();
  const missingItems = c.expect.items.filter((id) => !cited.has(id));
  const missingFacts = c.expect.facts.filter((fact) => !text.includes(fact.toLowerCase()));
  return { passed: missingItems.length === 0 && missingFacts.length === 0, missingItems, missingFacts };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

/** Runs every case against one model without writing memory or using the cache. */
export async function runEval(suite: EvalSuite, target: EvalTarget, deps: AnswerDeps): Promise<EvalReport> {
  const cases: EvalCaseResult[] = [];
  for (const c of suite) {
    const started = performance.now();
    try {
      const result = await answer(
        {
          question: c.question,
          team: target.team,
          asker: target.asker,
          spaces: target.spaces,
          model: target.model,
          dryRun: true,
        },
        deps,
      );
      cases.push({
        question: c.question,
        ...score(c, result),
        latencyMs: performance.now() - started,
        costUsd: result.costUsd,
      });
    } catch (e) {
      cases.push({
        question: c.question,
        passed: false,
        missingItems: c.expect.items,
        missingFacts: c.expect.facts,
        latencyMs: performance.now() - started,
        costUsd: 0,
        error: (e as { code?: string }).code ?? 'internal',
      });
    }
  }
  const latencies = cases.map((c) => c.latencyMs);
  return {
    team: target.team,
    model: target.model,
    cases,
    passRate: cases.filter((c) => c.passed).length / cases.length,
    costUsd: cases.reduce((sum, c) => sum + c.costUsd, 0),
    p50LatencyMs: percentile(latencies, 50),
    p95LatencyMs: percentile(latencies, 95),
  };
}

export interface EvalComparison {
  current: EvalReport;
  candidate: EvalReport;
  /** True when the candidate passes at least as many cases as the current model. */
  candidateHolds: boolean;
}

/** The candidate against the team's current answer model (promotions included), same suite. */
export async function compareModels(
  suite: EvalSuite,
  target: Omit<EvalTarget, 'model'> & { candidate: string },
  deps: AnswerDeps,
): Promise<EvalComparison> {
  const currentModel = teamSettings(deps.config, target.team, deps.promoted).modelFor('answer').name;
  const current = await runEval(suite, { ...target, model: currentModel }, deps);
  const candidate = await runEval(suite, { ...target, model: target.candidate }, deps);
  return { current, candidate, candidateHolds: candidate.passRate >= current.passRate };
}
