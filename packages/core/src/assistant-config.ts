import { z } from 'zod';
import { strictConfig } from './strict-config.js';

/** A model name used in config, e.g. `claude-fast` or `local-llama`. */
export const ModelName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'model names are lowercase words like "claude-fast"');
export type ModelName = z.infer<typeof ModelName>;

export const ModelProviderKind = z.enum(['anthropic', 'openai-compatible', 'extractive']);
export type ModelProviderKind = z.infer<typeof ModelProviderKind>;

/** US dollars per million tokens; used for budgets and the usage ledger. */
export const ModelPricing = strictConfig({
  inputPerMTok: z.number().min(0).default(0),
  outputPerMTok: z.number().min(0).default(0),
  cacheReadPerMTok: z.number().min(0).optional(),
  cacheWritePerMTok: z.number().min(0).optional(),
});
export type ModelPricing = z.infer<typeof ModelPricing>;

export const ModelSpec = strictConfig({
  provider: ModelProviderKind,
  /** The provider's model id, e.g. `claude-sonnet-4-5` or `llama3.2:3b`. */
  model: z.string().min(1).max(200),
  /** Where the API lives; tests and local servers (Ollama, vLLM) set it. */
  baseUrl: z.url().optional(),
  /** Name of the environment variable holding the API key: the key itself never sits in config. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .optional(),
  /** Retries for 429/5xx (the Anthropic SDK honours retry-after). */
  maxRetries: z.number().int().min(0).max(10).default(2),
  pricing: ModelPricing.default(ModelPricing.parse({})),
});
export type ModelSpec = z.infer<typeof ModelSpec>;

export const AssistantRole = z.enum(['answer', 'review', 'summarise']);
export type AssistantRole = z.infer<typeof AssistantRole>;

export const RoleModels = strictConfig({
  answer: ModelName.default('extractive'),
  review: ModelName.default('extractive'),
  summarise: ModelName.default('extractive'),
});
export type RoleModels = z.infer<typeof RoleModels>;

/** Limits on one request: no unbounded agent loops. */
export const RequestBudget = strictConfig({
  maxSteps: z.number().int().min(1).max(50).default(4),
  maxInputTokens: z.number().int().min(1).default(60_000),
  maxOutputTokens: z.number().int().min(1).default(1_024),
  wallTimeMs: z.number().int().min(100).default(60_000),
  maxCostUsd: z.number().min(0).default(0.5),
});
export type RequestBudget = z.infer<typeof RequestBudget>;

export const GuardAction = z.enum(['redact', 'block']);
export type GuardAction = z.infer<typeof GuardAction>;

/** What to do when a secret or personal data is found before a model call or a memory write. */
export const GuardPolicy = strictConfig({
  secret: GuardAction.default('redact'),
  email: GuardAction.default('redact'),
  phone: GuardAction.default('redact'),
  card: GuardAction.default('redact'),
  iban: GuardAction.default('redact'),
  ip: GuardAction.default('redact'),
  nationalId: GuardAction.default('redact'),
});
export type GuardPolicy = z.infer<typeof GuardPolicy>;

export const AssistantTeamOverride = strictConfig({
  roles: RoleModels.partial().default({}),
  budget: RequestBudget.partial().default({}),
  guard: GuardPolicy.partial().default({}),
  monthlyCapUsd: z.number().min(0).optional(),
});
export type AssistantTeamOverride = z.infer<typeof AssistantTeamOverride>;

const offlineModels: Record<ModelName, ModelSpec> = {
  extractive: ModelSpec.parse({ provider: 'extractive', model: 'extractive' }),
};

/** Which model plays which role for which team, and the limits around every call. */
export const AssistantConfig = strictConfig({
  models: z.record(ModelName, ModelSpec).default(offlineModels),
  roles: RoleModels.default(RoleModels.parse({})),
  /** Per-team overrides keyed by team id. */
  teams: z.record(z.string(), AssistantTeamOverride).default({}),
  budget: RequestBudget.default(RequestBudget.parse({})),
  /** Per-team monthly spend cap in USD unless the team overrides it. */
  monthlyCapUsd: z.number().min(0).default(50),
  guard: GuardPolicy.default(GuardPolicy.parse({})),
  /** Retrieval hits scoring below this do not count as covering a question. */
  minRelevance: z.number().min(0).max(1).default(0.2),
  retrievalLimit: z.number().int().min(1).max(50).default(6),
})
  .superRefine((config, ctx) => {
    const models = { ...offlineModels, ...config.models };
    const check = (roles: Partial<RoleModels>, path: (string | number)[]) => {
      for (const [role, name] of Object.entries(roles)) {
        if (name && !(name in models)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, role],
            message: `model "${name}" is not defined under assistant.models`,
          });
        }
      }
    };
    check(config.roles, ['roles']);
    for (const [team, override] of Object.entries(config.teams))
      check(override.roles, ['teams', team, 'roles']);
  })
  // The offline model is always available, so a team can fall back to it without extra config.
  .transform((config) => ({ ...config, models: { ...offlineModels, ...config.models } }));
export type AssistantConfig = z.infer<typeof AssistantConfig>;
