import { z } from 'zod';
import { strictConfig } from './strict-config.js';

const EnvVarName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'environment variable names look like "VOYAGE_API_KEY"');
const Dimensions = z.number().int().min(8).max(8192);
const TimeoutMs = z.number().int().min(100).max(120_000);
const BatchSize = z.number().int().min(1).max(2048);

/** The embedded default: feature hashing, no weights, no network. */
export const HashingEmbedderConfig = strictConfig({
  kind: z.literal('hashing'),
  dimensions: Dimensions.default(384),
});

/** Voyage AI embeddings API. The key itself never sits in config, only the name of its env var. */
export const VoyageEmbedderConfig = strictConfig({
  kind: z.literal('voyage'),
  model: z.string().min(1).max(200).default('voyage-3.5'),
  dimensions: Dimensions.default(1024),
  baseUrl: z.url().default('https://api.voyageai.com'),
  apiKeyEnv: EnvVarName.default('VOYAGE_API_KEY'),
  timeoutMs: TimeoutMs.default(15_000),
  batchSize: BatchSize.default(64),
});

/** Any server that speaks `POST /v1/embeddings` like OpenAI: Ollama, vLLM, LiteLLM. */
export const OpenAICompatibleEmbedderConfig = strictConfig({
  kind: z.literal('openai-compatible'),
  model: z.string().min(1).max(200).default('nomic-embed-text'),
  dimensions: Dimensions.default(768),
  baseUrl: z.url().default('http://127.0.0.1:11434'),
  /** Local servers such as Ollama need no key; leave it out for them. */
  apiKeyEnv: EnvVarName.optional(),
  timeoutMs: TimeoutMs.default(15_000),
  batchSize: BatchSize.default(64),
});

export const EmbedderConfig = z.discriminatedUnion('kind', [
  HashingEmbedderConfig,
  VoyageEmbedderConfig,
  OpenAICompatibleEmbedderConfig,
]);
export type EmbedderConfig = z.infer<typeof EmbedderConfig>;

export const RetrievalConfig = strictConfig({
  embedder: EmbedderConfig.default({ kind: 'hashing', dimensions: 384 }),
  /** Results returned when the caller names no limit, and the most a caller may ask for. */
  defaultLimit: z.number().int().min(1).max(200).default(10),
  maxLimit: z.number().int().min(1).max(200).default(50),
  /** Candidates each arm (full-text, vector) contributes before fusion. */
  candidates: z.number().int().min(1).max(1000).default(50),
  /** The k of reciprocal rank fusion: larger flattens the difference between ranks. */
  rrfK: z.number().int().min(1).max(1000).default(60),
  /** Background compaction and index refresh keep the unindexed tail small. */
  optimizeIntervalMs: z.number().int().min(1000).default(30_000),
  /** Also optimize after this many written rows, whichever comes first. */
  optimizeAfterWrites: z.number().int().min(1).default(2000),
  /** Below this many rows a flat vector scan is fast enough; at or above it an ANN index is built. */
  annMinRows: z.number().int().min(256).default(20_000),
});
export type RetrievalConfig = z.infer<typeof RetrievalConfig>;
export type RetrievalConfigInput = z.input<typeof RetrievalConfig>;
