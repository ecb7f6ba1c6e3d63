import { EnsembleError, ErrorCode, type ModelPricing, type RequestBudget } from '@ensemble/core';
import { renderContext } from '../providers/render.js';
import {
  estimateTokens,
  type ModelProvider,
  type ModelRequest,
  type ModelResult,
} from '../providers/types.js';
import { affordableOutputTokens, costOf } from './cost.js';

export type BudgetLimit = 'steps' | 'inputTokens' | 'outputTokens' | 'cost' | 'wallTime';

export interface BudgetedResult extends ModelResult {
  costUsd: number;
  latencyMs: number;
  /** True when the text stopped early (token or cost limit, wall time, cancel). */
  partial: boolean;
  /** Which limit cut the call short, if one did. */
  exceeded?: BudgetLimit;
}

export function budgetExceeded(limit: BudgetLimit, message: string): EnsembleError {
  return new EnsembleError(ErrorCode.BudgetExceeded, message, { limit });
}

/**
 * Limits for one request: steps, tokens, cost and wall time. A call that cannot start
 * within the limits throws `budget_exceeded`; a call cut short returns its partial text
 * flagged `partial` with the limit that stopped it.
 */
export class Budget {
  steps = 0;
  inputTokens = 0;
  outputTokens = 0;
  costUsd = 0;
  private readonly wallClock: AbortSignal;
  /** Aborts on wall time or when the caller cancels. */
  readonly signal: AbortSignal;

  constructor(
    readonly limits: RequestBudget,
    cancel?: AbortSignal,
  ) {
    this.wallClock = AbortSignal.timeout(limits.wallTimeMs);
    this.signal = cancel ? AbortSignal.any([this.wallClock, cancel]) : this.wallClock;
  }

  async generate(
    provider: ModelProvider,
    req: ModelRequest,
    pricing: ModelPricing,
    onText?: (delta: string) => void,
  ): Promise<BudgetedResult> {
    const { limits } = this;
    if (this.wallClock.aborted)
      throw budgetExceeded('wallTime', `The request ran out of time (${limits.wallTimeMs} ms).`);
    if (this.steps >= limits.maxSteps) {
      throw budgetExceeded('steps', `The request used all ${limits.maxSteps} model steps it may take.`);
    }
    const inputEstimate = estimateTokens(
      req.system + renderContext(req.context) + req.messages.map((m) => m.content).join('\n'),
    );
    if (this.inputTokens + inputEstimate > limits.maxInputTokens) {
      throw budgetExceeded(
        'inputTokens',
        `The prompt (~${inputEstimate} tokens) exceeds the input budget of ${limits.maxInputTokens} tokens; ask a narrower question or raise assistant.budget.maxInputTokens.`,
      );
    }
    const byTokens = limits.maxOutputTokens - this.outputTokens;
    const byCost = affordableOutputTokens(limits.maxCostUsd - this.costUsd, inputEstimate, pricing);
    const allowed = Math.min(req.maxTokens, byTokens, byCost);
    if (allowed < 1) {
      const limit: BudgetLimit = byCost < 1 ? 'cost' : 'outputTokens';
      throw budgetExceeded(
        limit,
        `The request has no ${limit === 'cost' ? 'money' : 'output tokens'} left for another model call.`,
      );
    }
    // Which budget (if any) set the ceiling; a request asking for fewer tokens is not cut by a budget.
    const limitedBy: BudgetLimit | undefined =
      allowed === byCost && byCost < byTokens ? 'cost' : allowed === byTokens ? 'outputTokens' : undefined;

    // Providers that ignore max_tokens are cut off once they stream well past the allowance.
    const runaway = new AbortController();
    let streamedChars = 0;
    const guardDelta = (delta: string) => {
      streamedChars += delta.length;
      if (Math.ceil(streamedChars / 4) > allowed * 2 + 16) runaway.abort();
      else onText?.(delta);
    };

    this.steps++;
    const started = performance.now();
    let result: ModelResult;
    try {
      result = await provider.generate(
        { ...req, maxTokens: allowed },
        { signal: AbortSignal.any([this.signal, runaway.signal]), onText: guardDelta },
      );
    } catch (e) {
      if (this.wallClock.aborted)
        throw budgetExceeded('wallTime', `The model call ran out of time (${limits.wallTimeMs} ms).`);
      throw e;
    }
    const latencyMs = Math.round(performance.now() - started);
    const costUsd = costOf(result.usage, pricing);
    this.inputTokens +=
      result.usage.inputTokens + result.usage.cacheReadTokens + result.usage.cacheWriteTokens;
    this.outputTokens += result.usage.outputTokens;
    this.costUsd += costUsd;

    let exceeded: BudgetLimit | undefined;
    if (this.wallClock.aborted) exceeded = 'wallTime';
    else if (runaway.signal.aborted) exceeded = limitedBy ?? 'outputTokens';
    else if (result.stopReason === 'max_tokens' && limitedBy) exceeded = limitedBy;
    else if (this.costUsd > limits.maxCostUsd) exceeded = 'cost';
    const partial =
      result.stopReason === 'aborted' || result.stopReason === 'max_tokens' || runaway.signal.aborted;
    return { ...result, costUsd, latencyMs, partial, ...(exceeded ? { exceeded } : {}) };
  }
}
