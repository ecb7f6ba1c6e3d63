import {
  EnsembleConfig,
  type EnsembleConfigInput,
  type NewItem,
  person,
  type SpaceId,
  SpaceMemory,
} from '@ensemble/core';
import * as Y from 'yjs';
import { AnswerCache, type AnswerDeps, MemoryRetriever, MemoryUsageLedger } from '../src/index.js';

export const PLATFORM = 'acme/platform';
export const PAYMENTS = 'acme/payments';
export const SECRET = 'acme/secret';

export function testConfig(assistant: EnsembleConfigInput['assistant'] = {}): EnsembleConfig {
  return EnsembleConfig.parse({
    org: 'acme',
    teams: [
      {
        id: 'platform',
        name: 'Platform',
        members: ['alice', 'bob'],
        defaultOwner: 'alice',
        ownership: [
          { pattern: 'tag:payments', owners: ['carol'] },
          { pattern: 'src/billing/**', owners: ['dave'] },
        ],
        readsFrom: [PAYMENTS],
      },
      { id: 'payments', name: 'Payments', defaultOwner: 'carol' },
      { id: 'secret', name: 'Secret', defaultOwner: 'erin' },
    ],
    assistant,
  });
}

export function anthropicModel(baseUrl: string, pricing = { inputPerMTok: 3, outputPerMTok: 15 }) {
  return {
    provider: 'anthropic' as const,
    model: 'claude-test',
    baseUrl,
    apiKeyEnv: 'FAKE_ANTHROPIC_KEY',
    maxRetries: 2,
    pricing,
  };
}

export const testEnv = { FAKE_ANTHROPIC_KEY: 'sk-test-not-a-real-key' };

export class Spaces {
  readonly memories = new Map<SpaceId, SpaceMemory>();

  constructor(spaces: SpaceId[] = [PLATFORM, PAYMENTS, SECRET]) {
    for (const space of spaces) this.memories.set(space, new SpaceMemory(space, new Y.Doc()));
  }

  memoryOf = (space: SpaceId): SpaceMemory | undefined => this.memories.get(space);

  get(space: SpaceId): SpaceMemory {
    const memory = this.memories.get(space);
    if (!memory) throw new Error(`no space ${space}`);
    return memory;
  }

  add(space: SpaceId, item: Partial<NewItem> & { title: string; body: string }, by = 'alice') {
    return this.get(space).create({ kind: 'decision', source: { surface: 'cli' }, ...item }, person(by));
  }
}

export function depsFor(config: EnsembleConfig, spaces: Spaces, extra: Partial<AnswerDeps> = {}): AnswerDeps {
  return {
    config,
    retriever: new MemoryRetriever(spaces.memoryOf),
    memoryOf: spaces.memoryOf,
    ledger: new MemoryUsageLedger(),
    cache: new AnswerCache(),
    env: testEnv,
    ...extra,
  };
}

/** Seeds a few decisions the tests ask about. */
export function seedPlatform(spaces: Spaces) {
  const deploy = spaces.add(PLATFORM, {
    title: 'Deploys go through the release pipeline',
    body: 'Every production deploy goes through the release pipeline. Manual deploys from laptops are not allowed. The pipeline runs database migrations before traffic shifts.',
    tags: ['deploy'],
  });
  const postgres = spaces.add(
    PLATFORM,
    {
      title: 'Use PostgreSQL for new services',
      body: 'New services store their data in PostgreSQL 16. MongoDB is no longer approved for new work.',
      tags: ['db'],
    },
    'bob',
  );
  const refunds = spaces.add(
    PAYMENTS,
    {
      title: 'Refunds are processed within five days',
      body: 'Card refunds are processed within five business days by the payments service.',
      tags: ['payments'],
    },
    'carol',
  );
  const hidden = spaces.add(
    SECRET,
    {
      title: 'Deploys of the secret project use a private pipeline',
      body: 'The secret project deploys through its own private release pipeline.',
    },
    'erin',
  );
  return { deploy, postgres, refunds, hidden };
}
