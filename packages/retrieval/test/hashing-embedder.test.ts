import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../src/index.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);

describe('HashingEmbedder', () => {
  const embedder = new HashingEmbedder(384);

  it('is deterministic, unit length and names its settings', async () => {
    const [a, b] = await embedder.embed(['Deploys freeze on Fridays', 'Deploys freeze on Fridays']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(384);
    expect(cosine(a as Float32Array, a as Float32Array)).toBeCloseTo(1, 5);
    expect(embedder.id).toBe('hashing-v1/384');
    expect(new HashingEmbedder(128).id).not.toBe(embedder.id);
  });

  it('puts inflections and shared words closer than unrelated text', async () => {
    const [query, inflected, unrelated] = await embedder.embed([
      'deploying on friday',
      'No deploys on Fridays after noon',
      'Invoices are archived for seven years',
    ]);
    const near = cosine(query as Float32Array, inflected as Float32Array);
    const far = cosine(query as Float32Array, unrelated as Float32Array);
    expect(near).toBeGreaterThan(0.3);
    expect(near).toBeGreaterThan(far + 0.2);
  });

  it('gives text without features a zero vector instead of NaN', async () => {
    const [empty] = await embedder.embed(['the of !!!']);
    expect([...(empty as Float32Array)].every((v) => v === 0)).toBe(true);
  });

  it('refuses nonsensical dimensions', () => {
    expect(() => new HashingEmbedder(0)).toThrow(RangeError);
  });
});
