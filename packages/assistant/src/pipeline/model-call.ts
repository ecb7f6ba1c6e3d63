import {
  type AssistantRole,
  type EnsembleConfig,
  EnsembleError,
  ErrorCode,
  type ModelSpec,
} from '@ensemble/core';
import { Budget, type BudgetedResult } from '../budget/budget.js';
import type { UsageLedger } from '../budget/ledger.js';
import { assertUnderMonthlyCap } from '../budget/monthly-cap.js';
import { createProvider, type Env } from '../providers/factory.js';
import { type FindingsListener, GuardedProvider } from '../providers/guarded.js';
import type { ModelProvider, ModelRequest } from '../providers/types.js';
import { type PromotedModels, teamSettings } from '../team-settings.js';

export interface ModelCallDeps {
  config: EnsembleConfig;
  ledger: UsageLedger;
  promoted?: PromotedModels;
  /** Builds the raw provider for a model; defaults to the real adapters. Always wrapped in the guard. */
  providerFor?: (name: string, spec: ModelSpec) => ModelProvider;
  env?: Env;
  onFindings?: FindingsListener;
  now?: () => Date;
}

export interface ModelCallInput {
  team: string;
  role: AssistantRole;
  request: ModelRequest;
  /** A configured model name to use instead of the team's model for the role. */
  model?: string;
  /** Share one budget across the steps of a request; a fresh one from config otherwise. */
  budget?: Budget;
  signal?: AbortSignal;
  onText?: (delta: string) => void;
}

export interface ModelCallResult extends BudgetedResult {
  model: string;
}

/**
 * The one way to call a model for a team and role (answer, review, summarise): picks the
 * model from config and promotions, checks the monthly cap, guards the request, enforces
 * the request budget and records usage. Cross-checks and digests use it too.
 */
export async function callModel(input: ModelCallInput, deps: ModelCallDeps): Promise<ModelCallResult> {
  const settings = teamSettings(deps.config, input.team, deps.promoted);
  const model = input.model
    ? { name: input.model, spec: requireModel(deps.config, input.model) }
    : settings.modelFor(input.role);
  const now = deps.now?.() ?? new Date();
  if (isPriced(model.spec)) await assertUnderMonthlyCap(deps.ledger, input.team, settings.monthlyCapUsd, now);
  const raw = (deps.providerFor ?? ((n, s) => createProvider(n, s, deps.env)))(model.name, model.spec);
  const provider = new GuardedProvider(raw, settings.guard, deps.onFindings);
  const budget = input.budget ?? new Budget(settings.budget, input.signal);
  const record = (draft: BudgetedResult | undefined) =>
    deps.ledger.record({
      at: now.toISOString(),
      team: input.team,
      model: model.name,
      role: input.role,
      inputTokens: draft?.usage.inputTokens ?? 0,
      outputTokens: draft?.usage.outputTokens ?? 0,
      cacheReadTokens: draft?.usage.cacheReadTokens ?? 0,
      cacheWriteTokens: draft?.usage.cacheWriteTokens ?? 0,
      costUsd: draft?.costUsd ?? 0,
      latencyMs: draft?.latencyMs ?? 0,
      outcome: !draft ? 'error' : draft.partial ? 'partial' : 'ok',
    });
  let draft: BudgetedResult;
  try {
    draft = await budget.generate(provider, input.request, model.spec.pricing, input.onText);
  } catch (e) {
    await record(undefined);
    throw e;
  }
  await record(draft);
  return { ...draft, model: model.name };
}

export function requireModel(config: EnsembleConfig, name: string): ModelSpec {
  const spec = config.assistant.models[name];
  if (!spec) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `Model "${name}" is not defined under assistant.models.`,
    );
  }
  return spec;
}

function isPriced(spec: ModelSpec): boolean {
  const p = spec.pricing;
  return (
    p.inputPerMTok > 0 ||
    p.outputPerMTok > 0 ||
    (p.cacheReadPerMTok ?? 0) > 0 ||
    (p.cacheWritePerMTok ?? 0) > 0
  );
}
