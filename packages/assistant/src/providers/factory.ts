import { EnsembleError, ErrorCode, type ModelSpec } from '@ensemble/core';
import { AnthropicProvider } from './anthropic.js';
import { ExtractiveProvider } from './extractive.js';
import { OpenAiCompatibleProvider } from './openai-compatible.js';
import type { ModelProvider } from './types.js';

export type Env = Record<string, string | undefined>;

/** Builds the raw provider for one named model; callers wrap it (guard, budget) before use. */
export function createProvider(name: string, spec: ModelSpec, env: Env = process.env): ModelProvider {
  switch (spec.provider) {
    case 'extractive':
      return new ExtractiveProvider(name);
    case 'openai-compatible':
      return new OpenAiCompatibleProvider({
        name,
        spec,
        apiKey: spec.apiKeyEnv ? env[spec.apiKeyEnv] : undefined,
      });
    case 'anthropic': {
      const keyName = spec.apiKeyEnv ?? 'ANTHROPIC_API_KEY';
      const apiKey = env[keyName];
      if (!apiKey) {
        throw new EnsembleError(
          ErrorCode.InvalidConfig,
          `Model "${name}" needs an Anthropic API key in the environment variable ${keyName}; set it or choose the extractive model.`,
        );
      }
      return new AnthropicProvider({ name, spec, apiKey });
    }
  }
}
