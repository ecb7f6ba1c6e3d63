import { contentWords, overlapScore, splitSentences } from '../text.js';
import {
  estimateTokens,
  type GenerateOptions,
  type ModelProvider,
  type ModelRequest,
  type ModelResult,
} from './types.js';

const MAX_QUOTES = 3;

export const NO_CONTEXT_ANSWER = 'Nothing in memory covers this question.';

/**
 * The embedded default: no model, no network, no key. Answers by quoting the sentences of
 * the supplied items that share the most words with the question, each marked [n].
 * Deterministic, so eval results and caches are stable.
 */
export class ExtractiveProvider implements ModelProvider {
  constructor(readonly id = 'extractive') {}

  async generate(req: ModelRequest, opts: GenerateOptions): Promise<ModelResult> {
    const question = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const queryWords = contentWords(question);
    const candidates = req.context.flatMap((block) =>
      splitSentences(`${block.title}. ${block.body}`).map((sentence, position) => ({
        n: block.n,
        position,
        sentence,
        score: overlapScore(queryWords, contentWords(sentence)),
      })),
    );
    const picked: typeof candidates = [];
    const ranked = candidates
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || a.n - b.n || a.position - b.position);
    for (const candidate of ranked) {
      if (picked.length === MAX_QUOTES) break;
      // A title often repeats its body's first sentence; quote the same thing once.
      if (!picked.some((p) => restates(candidate.sentence, p.sentence))) picked.push(candidate);
    }
    const pieces =
      picked.length > 0
        ? picked.map((c, i) => `${i === 0 ? '' : ' '}${ensureStop(c.sentence)} [${c.n}]`)
        : [NO_CONTEXT_ANSWER];

    let text = '';
    let outputTokens = 0;
    for (const piece of pieces) {
      if (opts.signal.aborted) return this.result(req, text, outputTokens, 'aborted');
      const cost = estimateTokens(piece);
      if (outputTokens + cost > req.maxTokens) return this.result(req, text, outputTokens, 'max_tokens');
      text += piece;
      outputTokens += cost;
      opts.onText?.(piece);
    }
    return this.result(req, text, outputTokens, 'end_turn');
  }

  private result(
    req: ModelRequest,
    text: string,
    outputTokens: number,
    stopReason: ModelResult['stopReason'],
  ): ModelResult {
    const inputText =
      req.system +
      req.context.map((c) => c.title + c.body).join('') +
      req.messages.map((m) => m.content).join('');
    return {
      text,
      stopReason,
      usage: {
        inputTokens: estimateTokens(inputText),
        outputTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
    };
  }
}

function restates(sentence: string, earlier: string): boolean {
  const words = new Set(contentWords(sentence));
  const seen = new Set(contentWords(earlier));
  let shared = 0;
  for (const w of words) if (seen.has(w)) shared++;
  return words.size > 0 && shared / words.size >= 0.8;
}

function ensureStop(sentence: string): string {
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
