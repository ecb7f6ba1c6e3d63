import { EnsembleError, ErrorCode, type ModelSpec } from '@ensemble/core';
import { parseSse } from '@ensemble/runtime';
import { z } from 'zod';
import { messagesWithContext, systemText } from './render.js';
import {
  type GenerateOptions,
  type ModelProvider,
  type ModelRequest,
  type ModelResult,
  type StopReason,
  zeroUsage,
} from './types.js';

export interface OpenAiCompatibleOptions {
  name: string;
  spec: ModelSpec;
  /** Local servers (Ollama, vLLM) usually need none. */
  apiKey?: string | undefined;
  fetch?: typeof fetch;
}

const Chunk = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0).default(0),
      completion_tokens: z.number().int().min(0).default(0),
      prompt_tokens_details: z.object({ cached_tokens: z.number().int().min(0).nullish() }).nullish(),
    })
    .nullish(),
});

/** Any `/v1/chat/completions` server with SSE streaming: Ollama, vLLM, llama.cpp, LiteLLM. */
export class OpenAiCompatibleProvider implements ModelProvider {
  readonly id: string;
  private readonly baseUrl: string;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = options.name;
    this.baseUrl = (options.spec.baseUrl ?? 'http://127.0.0.1:11434')
      .replace(/\/+$/, '')
      .replace(/\/v1$/, '');
  }

  async generate(req: ModelRequest, opts: GenerateOptions): Promise<ModelResult> {
    const doFetch = this.options.fetch ?? fetch;
    let text = '';
    let stopReason: StopReason = 'other';
    const usage = zeroUsage();
    try {
      const response = await doFetch(`${this.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        signal: opts.signal,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: this.options.spec.model,
          stream: true,
          stream_options: { include_usage: true },
          max_tokens: req.maxTokens,
          messages: [{ role: 'system', content: systemText(req) }, ...messagesWithContext(req)],
        }),
      });
      if (!response.ok || !response.body) throw httpError(response.status);
      for await (const event of parseSse(response.body)) {
        if (event.data === '[DONE]') break;
        const chunk = Chunk.safeParse(safeJson(event.data));
        if (!chunk.success) continue;
        for (const choice of chunk.data.choices) {
          const delta = choice.delta?.content;
          if (delta) {
            text += delta;
            opts.onText?.(delta);
          }
          if (choice.finish_reason) stopReason = mapFinish(choice.finish_reason);
        }
        if (chunk.data.usage) {
          usage.inputTokens = chunk.data.usage.prompt_tokens;
          usage.outputTokens = chunk.data.usage.completion_tokens;
          usage.cacheReadTokens = chunk.data.usage.prompt_tokens_details?.cached_tokens ?? 0;
        }
      }
    } catch (e) {
      if (opts.signal.aborted) return { text, stopReason: 'aborted', usage };
      if (e instanceof EnsembleError) throw e;
      throw new EnsembleError(
        ErrorCode.Unavailable,
        `Cannot reach the model server at ${this.baseUrl}: is it running? (${(e as Error).message})`,
      );
    }
    return { text, stopReason, usage };
  }
}

function safeJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function mapFinish(reason: string): StopReason {
  if (reason === 'stop') return 'end_turn';
  if (reason === 'length') return 'max_tokens';
  return 'other';
}

function httpError(status: number): EnsembleError {
  if (status === 401 || status === 403) {
    return new EnsembleError(ErrorCode.ModelAuth, 'The model server refused the key: check apiKeyEnv.', {
      status,
    });
  }
  if (status === 429) {
    return new EnsembleError(ErrorCode.RateLimited, 'The model server is rate limiting; try again later.', {
      status,
    });
  }
  if (status >= 500 || status === 0) {
    return new EnsembleError(ErrorCode.Unavailable, `The model server failed (HTTP ${status}); try again.`, {
      status,
    });
  }
  return new EnsembleError(
    ErrorCode.ModelRejected,
    `The model server rejected the request (HTTP ${status}): check the model name in assistant.models.`,
    { status },
  );
}
