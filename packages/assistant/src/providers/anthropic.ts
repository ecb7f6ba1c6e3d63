import Anthropic from '@anthropic-ai/sdk';
import type { ModelSpec } from '@ensemble/core';
import { mapAnthropicError } from './anthropic-errors.js';
import { renderContext, systemText } from './render.js';
import type { GenerateOptions, ModelProvider, ModelRequest, ModelResult, StopReason } from './types.js';

export interface AnthropicProviderOptions {
  /** Config model name, used as the provider id. */
  name: string;
  spec: ModelSpec;
  apiKey: string;
}

/**
 * Claude through the official SDK: streaming, SDK retries for 429/529 (honouring
 * retry-after), and prompt caching on the stable system prefix so repeated questions pay
 * for the instructions once.
 */
export class AnthropicProvider implements ModelProvider {
  readonly id: string;
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicProviderOptions) {
    this.id = options.name;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.spec.baseUrl ? { baseURL: options.spec.baseUrl } : {}),
      maxRetries: options.spec.maxRetries,
    });
  }

  async generate(req: ModelRequest, opts: GenerateOptions): Promise<ModelResult> {
    let text = '';
    const stream = this.client.messages.stream(
      {
        model: this.options.spec.model,
        max_tokens: req.maxTokens,
        system: [{ type: 'text', text: systemText(req), cache_control: { type: 'ephemeral' } }],
        messages: toAnthropicMessages(req),
      },
      { signal: opts.signal },
    );
    stream.on('text', (delta) => {
      text += delta;
      opts.onText?.(delta);
    });
    try {
      const message = await stream.finalMessage();
      return {
        text,
        stopReason: mapStopReason(message.stop_reason),
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
          cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
        },
      };
    } catch (e) {
      if (opts.signal.aborted) {
        return { text, stopReason: 'aborted', usage: { ...estimateAborted(text) } };
      }
      throw mapAnthropicError(e);
    }
  }
}

function toAnthropicMessages(req: ModelRequest): Anthropic.MessageParam[] {
  return req.messages.map((m, i) => {
    const isLast = i === req.messages.length - 1;
    if (!isLast || m.role !== 'user') return { role: m.role, content: m.content };
    return {
      role: 'user',
      content: [
        { type: 'text', text: renderContext(req.context) },
        { type: 'text', text: m.content },
      ],
    };
  });
}

function mapStopReason(reason: string | null): StopReason {
  if (reason === 'end_turn' || reason === 'max_tokens' || reason === 'stop_sequence') return reason;
  return 'other';
}

/** After an abort the API never sends usage; count what arrived so budgets still see it. */
function estimateAborted(text: string) {
  return {
    inputTokens: 0,
    outputTokens: Math.ceil(text.length / 4),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}
