import type { Embedder } from './embedder.js';
import { normalize } from './embedder.js';
import { charTrigrams, words } from './text-features.js';

const UNIGRAM_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.6;
const TRIGRAM_WEIGHT = 0.2;

/**
 * The embedded default: signed feature hashing of word unigrams, word bigrams and character
 * trigrams, L2-normalised. Deterministic, no weights, no network; it captures shared words and
 * spelling variants, not synonyms (an API embedder does that).
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;

  constructor(readonly dimensions = 384) {
    if (!Number.isInteger(dimensions) || dimensions < 8) {
      throw new RangeError(`dimensions must be a whole number of at least 8, got ${dimensions}`);
    }
    this.id = `hashing-v1/${dimensions}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    const tokens = words(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      this.add(vector, `w:${token}`, UNIGRAM_WEIGHT);
      const next = tokens[i + 1];
      if (next !== undefined) this.add(vector, `b:${token} ${next}`, BIGRAM_WEIGHT);
      for (const gram of charTrigrams(token)) this.add(vector, `c:${gram}`, TRIGRAM_WEIGHT);
    }
    return normalize(vector);
  }

  private add(vector: Float32Array, feature: string, weight: number): void {
    const h = fnv1a(feature);
    const slot = h % this.dimensions;
    // A second, mixed hash picks the sign so collisions cancel out on average instead of adding up.
    const sign = mix(h) & 1 ? -1 : 1;
    vector[slot] = (vector[slot] ?? 0) + sign * weight;
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
