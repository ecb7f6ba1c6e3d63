import { EnsembleError, ModelSpec } from '@ensemble/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_RULE, type ModelRequest, OpenAiCompatibleProvider } from '../src/index.js';
import { startFakeOpenAi } from './fakes/openai.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(reply: { text: string; status?: number }) {
  const fake = await startFakeOpenAi(reply);
  closers.push(fake.close);
  const spec = ModelSpec.parse({
    provider: 'openai-compatible',
    model: 'llama3.2:3b',
    baseUrl: `${fake.url}/v1`,
  });
  return { fake, provider: new OpenAiCompatibleProvider({ name: 'local', spec }) };
}

const request: ModelRequest = {
  system: 'Answer from memory.',
  context: [
    {
      n: 1,
      space: 'acme/platform',
      id: '01J0000000000000000000000A',
      title: 'Deploys',
      body: 'Use the pipeline.',
      owner: 'alice',
    },
  ],
  messages: [{ role: 'user', content: 'How do we deploy?' }],
  maxTokens: 100,
};

describe('OpenAI-compatible provider against a fake chat completions server', () => {
  it('streams deltas in order, reads usage, and sends memory as data in the user turn', async () => {
    const { fake, provider } = await serve({ text: 'Use the release pipeline [1].' });
    const deltas: string[] = [];
    const result = await provider.generate(request, {
      signal: AbortSignal.timeout(5000),
      onText: (d) => deltas.push(d),
    });
    expect(deltas.join('')).toBe('Use the release pipeline [1].');
    expect(deltas).toHaveLength(5);
    expect(result).toMatchObject({ stopReason: 'end_turn', usage: { inputTokens: 42, outputTokens: 5 } });
    const body = fake.requests[0]?.body as {
      stream: boolean;
      model: string;
      messages: { role: string; content: string }[];
    };
    expect(body.stream).toBe(true);
    expect(body.model).toBe('llama3.2:3b');
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(body.messages[0]?.content).toContain(DATA_RULE);
    expect(body.messages[0]?.content).not.toContain('Use the pipeline.');
    expect(body.messages[1]?.content).toContain('<memory_items>');
  });

  it('reports max_tokens when the server stops for length', async () => {
    const { provider } = await serve({ text: 'one two three four five six' });
    const result = await provider.generate(
      { ...request, maxTokens: 2 },
      { signal: AbortSignal.timeout(5000) },
    );
    expect(result).toMatchObject({ text: 'one two ', stopReason: 'max_tokens' });
  });

  it('maps a server error to a coded error', async () => {
    const { provider } = await serve({ text: '', status: 503 });
    const error = await provider.generate(request, { signal: AbortSignal.timeout(5000) }).catch((e) => e);
    expect(error).toBeInstanceOf(EnsembleError);
    expect((error as EnsembleError).code).toBe('unavailable');
  });

  it('says the server is unreachable when nothing listens', async () => {
    const { fake, provider } = await serve({ text: 'x' });
    await fake.close();
    const error = await provider.generate(request, { signal: AbortSignal.timeout(5000) }).catch((e) => e);
    expect((error as EnsembleError).code).toBe('unavailable');
    expect((error as EnsembleError).message).toContain('is it running');
  });
});
