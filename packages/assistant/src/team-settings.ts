import {
  type AssistantRole,
  type EnsembleConfig,
  EnsembleError,
  ErrorCode,
  type GuardPolicy,
  type ModelSpec,
  type RequestBudget,
  type SpaceId,
  spaceOfTeam,
  type TeamConfig,
} from '@ensemble/core';

/** Models promoted through the eval gate: team → role → model name. */
export type PromotedModels = Record<string, Partial<Record<AssistantRole, string>>>;

export interface TeamAssistantSettings {
  team: TeamConfig;
  space: SpaceId;
  budget: RequestBudget;
  guard: GuardPolicy;
  monthlyCapUsd: number;
  /** The model name used for a role: promoted, else the team override, else the default. */
  modelFor(role: AssistantRole): { name: string; spec: ModelSpec };
}

/** One place that merges defaults, team overrides and promotions; config stays the source. */
export function teamSettings(
  config: EnsembleConfig,
  teamId: string,
  promoted: PromotedModels = {},
): TeamAssistantSettings {
  const team = config.teams.find((t) => t.id === teamId);
  if (!team) {
    throw new EnsembleError(
      ErrorCode.NotFound,
      `No team "${teamId}" in the config; add it under teams or check the team id.`,
    );
  }
  const assistant = config.assistant;
  const override = assistant.teams[teamId];
  return {
    team,
    space: spaceOfTeam(config, teamId),
    budget: { ...assistant.budget, ...override?.budget },
    guard: { ...assistant.guard, ...override?.guard },
    monthlyCapUsd: override?.monthlyCapUsd ?? assistant.monthlyCapUsd,
    modelFor(role) {
      const name = promoted[teamId]?.[role] ?? override?.roles[role] ?? assistant.roles[role];
      const spec = assistant.models[name];
      if (!spec) {
        throw new EnsembleError(
          ErrorCode.InvalidConfig,
          `Model "${name}" (team ${teamId}, role ${role}) is not defined under assistant.models.`,
        );
      }
      return { name, spec };
    },
  };
}
