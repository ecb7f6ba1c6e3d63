import { readFileSync } from 'node:fs';
import { EnsembleError, GuardPolicy, person, SpaceMemory } from '@ensemble/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  AnthropicProvider,
  answer,
  createTextGuard,
  GuardedProvider,
  guardNewItem,
  guardText,
  redactStoredItem,
} from '../src/index.js';
import { type FakeAnthropic, startFakeAnthropic } from './fakes/anthropic.js';
import { anthropicModel, depsFor, PLATFORM, Spaces, testConfig } from './helpers.js';

const Corpus = z.object({
  samples: z
    .array(
      z.object({
        label: z.string(),
        category: z.enum(['secret', 'email', 'phone', 'card', 'iban', 'ip', 'nationalId']),
        text: z.string(),
        sensitive: z.array(z.string()).min(1),
      }),
    )
    .min(30),
  nearMisses: z.array(z.object({ label: z.string(), text: z.string() })).min(10),
});

// The marker keeps secret-shaped fixtures from tripping repository scanners; remove it here.
const unmark = (s: string) => s.replaceAll('«»', '');
const raw = Corpus.parse(
  parseYaml(readFileSync(new URL('./fixtures/sensitive-corpus.yaml', import.meta.url), 'utf8')),
);
const samples = raw.samples.map((s) => ({ ...s, text: unmark(s.text), sensitive: s.sensitive.map(unmark) }));
const nearMisses = raw.nearMisses;
const policy = GuardPolicy.parse({});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** A leak is any 10-character run of a sensitive value (or all of a shorter one) surviving. */
function leaks(haystack: string, sensitive: string): boolean {
  const width = Math.min(10, sensitive.length);
  for (let i = 0; i + width <= sensitive.length; i++) {
    if (haystack.includes(sensitive.slice(i, i + width))) return true;
  }
  return false;
}

function leaked(haystack: string): string[] {
  return samples.filter((s) => s.sensitive.some((v) => leaks(haystack, v))).map((s) => s.label);
}

describe('guardText over the labelled corpus', () => {
  it.each(samples.map((s) => [s.label, s] as const))('redacts %s', (_label, sample) => {
    const result = guardText(sample.text, policy);
    expect(result.findings.map((f) => f.category)).toContain(sample.category);
    for (const value of sample.sensitive) expect(leaks(result.text, value)).toBe(false);
    expect(result.text).toContain(`[redacted:${sample.category}]`);
    for (const value of sample.sensitive) expect(leaks(JSON.stringify(result.findings), value)).toBe(false);
  });

  it.each(nearMisses.map((s) => [s.label, s] as const))(
    'leaves the near miss "%s" alone',
    (_label, sample) => {
      const result = guardText(sample.text, policy);
      expect(result.findings).toEqual([]);
      expect(result.text).toBe(sample.text);
    },
  );

  it('refuses blocked categories with a coded error that does not echo the data', () => {
    const strict = GuardPolicy.parse({ secret: 'block', card: 'block' });
    for (const sample of samples.filter((s) => s.category === 'secret' || s.category === 'card')) {
      const error = catchError(() => guardText(sample.text, strict));
      expect(error).toBeInstanceOf(EnsembleError);
      expect((error as EnsembleError).code).toBe('blocked_content');
      const shown = `${(error as EnsembleError).message} ${JSON.stringify((error as EnsembleError).details)}`;
      for (const value of sample.sensitive) expect(leaks(shown, value)).toBe(false);
    }
  });
});

describe('nothing sensitive reaches the shared memory', () => {
  it('stores guarded items only, and near misses verbatim', () => {
    const doc = new Y.Doc();
    const memory = new SpaceMemory(PLATFORM, doc);
    for (const sample of samples) {
      const guarded = guardNewItem(
        {
          kind: 'context',
          title: `Note about ${sample.label}`,
          body: sample.text,
          source: { surface: 'slack' },
        },
        policy,
      );
      memory.create(guarded.value, person('alice'));
    }
    expect(leaked(JSON.stringify(doc.getMap('items').toJSON()))).toEqual([]);
    expect(leaked(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8'))).toEqual([]);
    // Near misses are checked after: some deliberately share digits with real samples.
    for (const near of nearMisses) {
      const guarded = guardNewItem(
        { kind: 'context', title: near.label, body: near.text, source: { surface: 'slack' } },
        policy,
      );
      expect(guarded.findings).toEqual([]);
      memory.create(guarded.value, person('alice'));
    }
    const stored = JSON.stringify(doc.getMap('items').toJSON());
    for (const near of nearMisses) expect(stored).toContain(JSON.stringify(near.text).slice(1, -1));
  });

  it("guards SpaceMemory's own write hook, for every surface that writes through it", () => {
    const doc = new Y.Doc();
    const memory = new SpaceMemory(PLATFORM, doc, { guard: createTextGuard(policy) });
    for (const sample of samples) {
      memory.create(
        { kind: 'context', title: sample.label, body: sample.text, source: { surface: 'vscode' } },
        person('alice'),
      );
    }
    const [first] = memory.list();
    memory.update(first?.id ?? '', { body: `Updated: ${samples[2]?.text}` }, person('alice'));
    expect(leaked(JSON.stringify(doc.getMap('items').toJSON()))).toEqual([]);

    const strict = new SpaceMemory(PLATFORM, doc, {
      guard: createTextGuard(GuardPolicy.parse({ email: 'block' })),
    });
    const before = strict.list().length;
    expect(() =>
      strict.create(
        { kind: 'decision', title: 'Mail ops+oncall@corp.example.org', source: { surface: 'cli' } },
        person('bob'),
      ),
    ).toThrowError(expect.objectContaining({ code: 'blocked_content' }));
    expect(strict.list()).toHaveLength(before);
  });

  it('redacts items that bypassed the write guard, once', () => {
    const spaces = new Spaces();
    const memory = spaces.get(PLATFORM);
    const sample = samples.find((s) => s.label === 'GitHub classic token');
    const raw = memory.create(
      {
        kind: 'context',
        title: 'CI setup',
        body: `${sample?.text} Ask alice.smith@example.com.`,
        source: { surface: 'cli' },
      },
      person('alice'),
    );
    const redacted = redactStoredItem(memory, raw);
    expect(redacted?.fields).toEqual(['body']);
    const stored = memory.require(raw.id);
    expect(stored.version).toBe(2);
    expect(stored.body).toContain('[redacted:secret]');
    expect(stored.body).toContain('[redacted:email]');
    expect(leaked(JSON.stringify(stored))).toEqual([]);
    expect(redactStoredItem(memory, stored)).toBeUndefined();
    expect(memory.require(raw.id).version).toBe(2);
  });

  it('a blocked write stores nothing and keeps what was there', () => {
    const spaces = new Spaces();
    const memory = spaces.get(PLATFORM);
    memory.create({ kind: 'decision', title: 'Keep me', source: { surface: 'cli' } }, person('alice'));
    const secret = samples.find((s) => s.category === 'secret');
    const attempt = () => {
      const guarded = guardNewItem(
        { kind: 'context', title: 'Creds', body: secret?.text ?? '', source: { surface: 'cli' } },
        GuardPolicy.parse({ secret: 'block' }),
      );
      memory.create(guarded.value, person('alice'));
    };
    expect(attempt).toThrowError(expect.objectContaining({ code: 'blocked_content' }));
    expect(memory.list().map((i) => i.title)).toEqual(['Keep me']);
  });
});

describe('nothing sensitive reaches the model', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('guards context, messages and system text of a direct call', async () => {
    const spec = anthropicModel(fake.url);
    const provider = new GuardedProvider(
      new AnthropicProvider({ name: 'claude', spec: { ...spec }, apiKey: 'k' }),
      policy,
    );
    const before = fake.requests.length;
    await provider.generate(
      {
        system: `Instructions. Contact ${samples[24]?.text}`,
        context: samples.map((s, i) => ({
          n: i + 1,
          space: PLATFORM,
          id: `id${i}`,
          title: s.label,
          body: s.text,
          owner: 'alice',
        })),
        messages: [{ role: 'user', content: samples.map((s) => s.text).join('\n') }],
        maxTokens: 50,
      },
      { signal: AbortSignal.timeout(10_000) },
    );
    const sent = fake.requests
      .slice(before)
      .map((r) => r.raw)
      .join('\n');
    expect(sent).toContain('[redacted:secret]');
    expect(leaked(sent)).toEqual([]);
  });

  it('guards the answer pipeline: unguarded legacy items and a question full of personal data', async () => {
    const spaces = new Spaces();
    // Simulates content that bypassed the write guard (older data, a raw Yjs client).
    for (const [i, sample] of samples.entries()) {
      spaces.add(PLATFORM, { kind: 'context', title: `Corpus sample ${i}`, body: sample.text });
    }
    const config = testConfig({
      models: { claude: anthropicModel(fake.url) },
      roles: { answer: 'claude' },
      retrievalLimit: 50,
      // The question is long on purpose; keep every legacy item in play.
      minRelevance: 0.01,
    });
    const before = fake.requests.length;
    const findings: string[] = [];
    const question = `Which corpus sample mentions ${samples
      .filter((s) => s.category !== 'secret')
      .map((s) => s.text)
      .join(' ')}?`;
    const result = await answer(
      { question, team: 'platform', asker: 'bob', spaces: [PLATFORM] },
      depsFor(config, spaces, { onFindings: (where) => findings.push(where) }),
    );
    expect(result.covered).toBe(true);
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(leaked(sent[0]?.raw ?? '')).toEqual([]);
    expect(leaked(result.question)).toEqual([]);
    expect(findings.some((w) => w.startsWith('context['))).toBe(true);
  });
});
