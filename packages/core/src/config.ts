import { z } from 'zod';
import { AssistantConfig } from './assistant-config.js';
import { checkConfigReferences } from './config-references.js';
import { OwnershipRule } from './ownership.js';
import { Person, PersonId } from './person.js';
import { RetrievalConfig } from './retrieval-config.js';
import { SlackConfig } from './slack-config.js';
import { SpaceId } from './space.js';
import { strictConfig } from './strict-config.js';

const TeamId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'team ids are lowercase words like "platform"');

export const TeamConfig = strictConfig({
  id: TeamId,
  name: z.string().min(1).max(200),
  members: z.array(PersonId).default([]),
  /** Fallback owner when no rule matches and an assistant recorded the item. */
  defaultOwner: PersonId.optional(),
  ownership: z.array(OwnershipRule).default([]),
  /** Other spaces this team's assistant may read (the org shares them). */
  readsFrom: z.array(SpaceId).default([]),
});
export type TeamConfig = z.infer<typeof TeamConfig>;

export const HubConfig = strictConfig({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(4321),
  /** Embedded default storage: one folder holds every space's log and snapshots. */
  dataDir: z.string().default('.data'),
  /** Largest websocket frame or HTTP body accepted, in bytes. */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** A space with no connections is unloaded from memory after this long. */
  idleUnloadMs: z.number().int().min(0).default(30_000),
  /** Updates in the log before it is compacted into a snapshot. */
  compactAfterUpdates: z.number().int().min(1).default(500),
  /** Flush the log to disk after every update (survives power loss, not only a killed hub); slower. */
  fsyncEveryUpdate: z.boolean().default(false),
  /** Close sockets that do not answer a ping within this long. */
  pingIntervalMs: z.number().int().min(100).default(30_000),
  /** Token lifetime used by `ensemble token create` unless told otherwise. */
  tokenTtl: z.string().default('30d'),
});
export type HubConfig = z.infer<typeof HubConfig>;

/** The one config of an Ensemble install; every default is written here. */
export const EnsembleConfig = strictConfig({
  org: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'org ids are lowercase words like "acme"')
    .default('acme'),
  hub: HubConfig.default(HubConfig.parse({})),
  people: z.array(Person).default([]),
  teams: z.array(TeamConfig).default([]),
  /** Models per team and role, budgets, guard policy; the default is offline (no keys needed). */
  assistant: AssistantConfig.default(AssistantConfig.parse({})),
  /** Search index: embedder, fusion and background optimize; the default needs no network. */
  retrieval: RetrievalConfig.default(RetrievalConfig.parse({})),
  /** The Slack app: channel to team mapping, capture reaction, weekly digest. */
  slack: SlackConfig.default(SlackConfig.parse({})),
}).superRefine(checkConfigReferences);
export type EnsembleConfig = z.infer<typeof EnsembleConfig>;
export type EnsembleConfigInput = z.input<typeof EnsembleConfig>;

export function spaceOfTeam(config: Pick<EnsembleConfig, 'org'>, teamId: string): SpaceId {
  return `${config.org}/${teamId}`;
}

/** The space of every configured team. */
export function teamSpacesOf(config: Pick<EnsembleConfig, 'org' | 'teams'>): SpaceId[] {
  return config.teams.map((team) => spaceOfTeam(config, team.id));
}
