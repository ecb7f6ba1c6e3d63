import type { OpenAICompatibleEmbedderConfig, VoyageEmbedderConfig } from '@ensemble/core';
import type { z } from 'zod';
import type { Embedder, InputType } from './embedder.js';
import { normalize } from './embedder.js';
import { inBatches, postEmbeddings, readApiKey } from './http-embedding.js';

type Env = Record<string, string | undefined>;

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Voyage AI: `POST {baseUrl}/v1/embeddings` with `input_type` so queries and documents embed asymmetrically. */
export class VoyageEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly apiKey: string | undefined;

  constructor(
    private readonly config: z.output<typeof VoyageEmbedderConfig>,
    env: Env = process.env,
  ) {
    this.dimensions = config.dimensions;
    this.id = `voyage/${config.model}/${config.dimensions}`;
    this.apiKey = readApiKey('Voyage', config.apiKeyEnv, env);
  }

  async embed(
    texts: string[],
    signal?: AbortSignal,
    inputType: InputType = 'document',
  ): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const batch of inBatches(texts, this.config.batchSize)) {
      const vectors = await postEmbeddings({
        service: 'Voyage',
        url: joinUrl(this.config.baseUrl, '/v1/embeddings'),
        apiKey: this.apiKey,
        body: {
          model: this.config.model,
          input: batch,
          input_type: inputType,
          output_dimension: this.config.dimensions,
        },
        expected: { count: batch.length, dimensions: this.dimensions },
        timeoutMs: this.config.timeoutMs,
        signal,
      });
      out.push(...vectors.map(normalize));
    }
    return out;
  }
}

/** Any OpenAI-compatible `/v1/embeddings` server (Ollama, vLLM, LiteLLM, OpenAI itself). */
export class OpenAICompatibleEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly apiKey: string | undefined;

  constructor(
    private readonly config: z.output<typeof OpenAICompatibleEmbedderConfig>,
    env: Env = process.env,
  ) {
    this.dimensions = config.dimensions;
    this.id = `openai-compatible/${config.model}/${config.dimensions}`;
    this.apiKey = readApiKey(`The embeddings server at ${config.baseUrl}`, config.apiKeyEnv, env);
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const batch of inBatches(texts, this.config.batchSize)) {
      const vectors = await postEmbeddings({
        service: `the embeddings server at ${this.config.baseUrl}`,
        url: joinUrl(this.config.baseUrl, '/v1/embeddings'),
        apiKey: this.apiKey,
        body: { model: this.config.model, input: batch, encoding_format: 'float' },
        expected: { count: batch.length, dimensions: this.dimensions },
        timeoutMs: this.config.timeoutMs,
        signal,
      });
      out.push(...vectors.map(normalize));
    }
    return out;
  }
}
