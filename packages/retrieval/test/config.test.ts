import { EnsembleConfig } from '@ensemble/core';
import { describe, expect, it } from 'vitest';
import { createEmbedder, HashingEmbedder, OpenAICompatibleEmbedder, VoyageEmbedder } from '../src/index.js';

describe('retrieval config', () => {
  it('defaults to the embedded hashing embedder with every default written in', () => {
    const { retrieval } = EnsembleConfig.parse({});
    expect(retrieval).toEqual({
      embedder: { kind: 'hashing', dimensions: 384 },
      defaultLimit: 10,
      maxLimit: 50,
      candidates: 50,
      rrfK: 60,
      optimizeIntervalMs: 30_000,
      optimizeAfterWrites: 2000,
      annMinRows: 20_000,
    });
    expect(createEmbedder(retrieval.embedder)).toBeInstanceOf(HashingEmbedder);
  });

  it('chooses API embedders by kind, filling their defaults', () => {
    const voyage = EnsembleConfig.parse({ retrieval: { embedder: { kind: 'voyage' } } }).retrieval.embedder;
    expect(voyage).toMatchObject({ model: 'voyage-3.5', dimensions: 1024, apiKeyEnv: 'VOYAGE_API_KEY' });
    expect(createEmbedder(voyage, { VOYAGE_API_KEY: 'k' })).toBeInstanceOf(VoyageEmbedder);
    const ollama = EnsembleConfig.parse({
      retrieval: { embedder: { kind: 'openai-compatible', model: 'all-minilm', dimensions: 384 } },
    }).retrieval.embedder;
    expect(createEmbedder(ollama, {})).toBeInstanceOf(OpenAICompatibleEmbedder);
    expect(createEmbedder(ollama, {}).id).toBe('openai-compatible/all-minilm/384');
  });

  it('rejects an unknown embedder kind or a bad env var name with the field to fix', () => {
    const unknown = EnsembleConfig.safeParse({ retrieval: { embedder: { kind: 'magic' } } });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.path).toEqual(['retrieval', 'embedder', 'kind']);
    const badEnv = EnsembleConfig.safeParse({
      retrieval: { embedder: { kind: 'voyage', apiKeyEnv: 'my key' } },
    });
    expect(badEnv.error?.issues[0]?.message).toMatch(/VOYAGE_API_KEY/);
  });
});
