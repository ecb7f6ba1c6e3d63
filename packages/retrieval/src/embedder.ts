/**
 * The Embedder port: turns texts into vectors of a fixed size. The index stores `id` with the
 * vectors, so switching embedders (or their dimensions) rebuilds the index instead of mixing
 * vectors from two models.
 */
export type InputType = 'document' | 'query';

export interface Embedder {
  /** Names the model and its settings, e.g. `hashing-v1/384`; equal ids mean comparable vectors. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[], signal?: AbortSignal, inputType?: InputType): Promise<Float32Array[]>;
}

/** Scales a vector to unit length in place, so cosine and dot products agree. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}
