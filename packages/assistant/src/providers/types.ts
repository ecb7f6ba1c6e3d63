import { z } from 'zod';

/** One retrieved memory item handed to a model as quoted data, numbered for citations. */
export const ContextBlock = z.object({
  /** Citation number: the model cites this block as `[n]`. */
  n: z.number().int().positive(),
  space: z.string(),
  id: z.string(),
  title: z.string(),
  body: z.string(),
  owner: z.string(),
});
export type ContextBlock = z.infer<typeof ContextBlock>;

export const ChatMessage = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ModelRequest = z.object({
  /** Stable instructions: identical across requests so providers can cache them. */
  system: z.string(),
  /** Retrieved items: rendered as data inside delimited blocks, never as instructions. */
  context: z.array(ContextBlock),
  messages: z.array(ChatMessage).min(1),
  maxTokens: z.number().int().positive(),
});
export type ModelRequest = z.infer<typeof ModelRequest>;

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'aborted' | 'other';

export interface ModelResult {
  text: string;
  usage: ModelUsage;
  stopReason: StopReason;
}

export interface GenerateOptions {
  signal: AbortSignal;
  /** Called with each piece of text as it streams in, in order. */
  onText?: (delta: string) => void;
}

/** The port every model sits behind: swapping a model is a config change. */
export interface ModelProvider {
  /** `<config model name>`, used in usage records and cache keys. */
  readonly id: string;
  generate(req: ModelRequest, opts: GenerateOptions): Promise<ModelResult>;
}

export const zeroUsage = (): ModelUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

/** A rough token count (about four characters a token) for budgets before a call. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
