import type { EmbedderConfig } from '@ensemble/core';
import { OpenAICompatibleEmbedder, VoyageEmbedder } from './api-embedders.js';
import type { Embedder } from './embedder.js';
import { HashingEmbedder } from './hashing-embedder.js';

/** Picks the embedder named in `retrieval.embedder`; API keys come from the env vars it names. */
export function createEmbedder(
  config: EmbedderConfig,
  env: Record<string, string | undefined> = process.env,
): Embedder {
  switch (config.kind) {
    case 'hashing':
      return new HashingEmbedder(config.dimensions);
    case 'voyage':
      return new VoyageEmbedder(config, env);
    case 'openai-compatible':
      return new OpenAICompatibleEmbedder(config, env);
  }
}
