import type { GuardPolicy } from '@ensemble/core';
import { guardText } from '../guard/guard-text.js';
import type { Finding } from '../guard/types.js';
import type { GenerateOptions, ModelProvider, ModelRequest, ModelResult } from './types.js';

export type FindingsListener = (where: string, findings: readonly Finding[]) => void;

/**
 * Wraps any provider so nothing reaches it unguarded: the system prefix, every context
 * block and every message are redacted (or the call refused) before the inner call.
 */
export class GuardedProvider implements ModelProvider {
  readonly id: string;

  constructor(
    private readonly inner: ModelProvider,
    private readonly policy: GuardPolicy,
    private readonly onFindings?: FindingsListener,
  ) {
    this.id = inner.id;
  }

  async generate(req: ModelRequest, opts: GenerateOptions): Promise<ModelResult> {
    const clean = (where: string, text: string) => {
      const result = guardText(text, this.policy);
      if (result.findings.length > 0) this.onFindings?.(where, result.findings);
      return result.text;
    };
    const guarded: ModelRequest = {
      maxTokens: req.maxTokens,
      system: clean('system', req.system),
      context: req.context.map((block) => ({
        ...block,
        title: clean(`context[${block.n}].title`, block.title),
        body: clean(`context[${block.n}].body`, block.body),
      })),
      messages: req.messages.map((m, i) => ({ role: m.role, content: clean(`messages[${i}]`, m.content) })),
    };
    return this.inner.generate(guarded, opts);
  }
}
