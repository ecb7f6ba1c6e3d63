import { EnsembleError, ErrorCode } from '@ensemble/core';
import { z } from 'zod';

/** The response shape shared by Voyage and OpenAI-compatible `/v1/embeddings` endpoints. */
export const EmbeddingsResponse = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().min(0) })).min(1),
});
export type EmbeddingsResponse = z.infer<typeof EmbeddingsResponse>;

export interface EmbeddingsRequest {
  /** Who answers, for error messages: "Voyage", "the OpenAI-compatible server at ...". */
  service: string;
  url: string;
  apiKey: string | undefined;
  body: Record<string, unknown>;
  expected: { count: number; dimensions: number };
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** One POST to an embeddings endpoint; every failure becomes an EnsembleError that says what to do. */
export async function postEmbeddings(request: EmbeddingsRequest): Promise<Float32Array[]> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.apiKey) headers.authorization = `Bearer ${request.apiKey}`;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(request.body),
      signal,
    });
  } catch (e) {
    if (timeout.aborted) {
      throw new EnsembleError(
        ErrorCode.Unavailable,
        `${request.service} did not answer within ${request.timeoutMs} ms; try again or raise retrieval.embedder.timeoutMs.`,
      );
    }
    if (request.signal?.aborted) throw new EnsembleError(ErrorCode.Unavailable, 'Embedding was cancelled.');
    throw new EnsembleError(
      ErrorCode.Unavailable,
      `Cannot reach ${request.service} (${(e as Error).message}); check retrieval.embedder.baseUrl.`,
    );
  }
  if (!response.ok) throw await statusError(request.service, response);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new EnsembleError(ErrorCode.Unavailable, `${request.service} sent a response that is not JSON.`);
  }
  return toVectors(request, json);
}

function toVectors(request: EmbeddingsRequest, json: unknown): Float32Array[] {
  const parsed = EmbeddingsResponse.safeParse(json);
  if (!parsed.success || parsed.data.data.length !== request.expected.count) {
    throw new EnsembleError(
      ErrorCode.Unavailable,
      `${request.service} answered with an unexpected shape: expected ${request.expected.count} embeddings.`,
    );
  }
  const vectors = new Array<Float32Array>(request.expected.count);
  for (const entry of parsed.data.data) {
    if (entry.embedding.length !== request.expected.dimensions) {
      throw new EnsembleError(
        ErrorCode.InvalidConfig,
        `${request.service} returns ${entry.embedding.length}-dimensional vectors but retrieval.embedder.dimensions is ${request.expected.dimensions}; set it to ${entry.embedding.length}.`,
      );
    }
    vectors[entry.index] = Float32Array.from(entry.embedding);
  }
  for (let i = 0; i < vectors.length; i++) {
    if (!vectors[i]) {
      throw new EnsembleError(
        ErrorCode.Unavailable,
        `${request.service} skipped embedding ${i} of the batch.`,
      );
    }
  }
  return vectors;
}

async function statusError(service: string, response: Response): Promise<EnsembleError> {
  // The body may echo our input: keep only a short prefix for the operator, never log it.
  const detail = (await response.text().catch(() => '')).slice(0, 200);
  const status = response.status;
  if (status === 401 || status === 403) {
    return new EnsembleError(
      ErrorCode.ModelAuth,
      `${service} refused the API key (HTTP ${status}); check the key in the env var named by retrieval.embedder.apiKeyEnv.`,
      { status },
    );
  }
  if (status === 429) {
    return new EnsembleError(
      ErrorCode.RateLimited,
      `${service} is rate limiting us (HTTP 429); indexing retries on its own, searches can be retried shortly.`,
      { status, retryAfter: response.headers.get('retry-after') },
    );
  }
  if (status >= 500) {
    return new EnsembleError(ErrorCode.Unavailable, `${service} failed (HTTP ${status}); try again later.`, {
      status,
    });
  }
  return new EnsembleError(
    ErrorCode.ModelRejected,
    `${service} rejected the request (HTTP ${status}): ${detail}. Check retrieval.embedder.model and dimensions.`,
    { status },
  );
}

/** Reads the API key from the env var named in config; a missing key says which variable to set. */
export function readApiKey(
  service: string,
  envName: string | undefined,
  env: Record<string, string | undefined>,
): string | undefined {
  if (!envName) return undefined;
  const key = env[envName];
  if (!key) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `${service} needs an API key: set the environment variable ${envName}, or use retrieval.embedder.kind "hashing".`,
    );
  }
  return key;
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
