import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@ensemble/cli';
import { EnsembleConfig, type Item } from '@ensemble/core';
import { HubClient, silentLogger } from '@ensemble/runtime';
import { askExtension, createToken, type Hub, hubSecret, startHub } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type FakeAnthropic, startFakeAnthropic } from '../../packages/assistant/test/fakes/anthropic.js';

const PLATFORM = 'acme/platform';

describe('ensemble ask, eval and models against a running hub', () => {
  let dir: string;
  let hub: Hub;
  let fake: FakeAnthropic;
  let token: string;
  let deploy: Item;
  let postgres: Item;
  const env = { TEST_ANTHROPIC_KEY: 'sk-test' };

  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), env, cwd: dir }, (t) => (stderr += t));
    return { code, stdout, stderr };
  }
  const target = () => ['--hub', hub.url, '--token', token];
  const gate = () => ['--team', 'platform', '--suite', 'suite.yaml', '--candidate', 'claude', ...target()];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ensemble-cli-ask-'));
    fake = await startFakeAnthropic();
    const raw = {
      org: 'acme',
      hub: { port: 0, dataDir: dir },
      teams: [{ id: 'platform', name: 'Platform', defaultOwner: 'alice' }],
      assistant: {
        models: {
          claude: {
            provider: 'anthropic',
            model: 'claude-test',
            baseUrl: fake.url,
            apiKeyEnv: 'TEST_ANTHROPIC_KEY',
            pricing: { inputPerMTok: 3, outputPerMTok: 15 },
          },
        },
      },
    };
    writeFileSync(join(dir, 'ensemble.yaml'), stringify(raw));
    const secret = hubSecret(dir, {});
    hub = await startHub({
      config: EnsembleConfig.parse(raw),
      logger: silentLogger,
      secret,
      extensions: [askExtension({ env })],
    });
    token = await createToken(secret, { sub: 'bob', spaces: { [PLATFORM]: 'write' } }, '1h');
    const client = new HubClient({ url: hub.url, token });
    deploy = await client.create(PLATFORM, {
      kind: 'decision',
      title: 'Deploys go through the release pipeline',
      body: 'Every production deploy goes through the release pipeline.',
      source: { surface: 'cli' },
    });
    postgres = await client.create(PLATFORM, {
      kind: 'decision',
      title: 'Use PostgreSQL for new services',
      body: 'New services store their data in PostgreSQL 16.',
      source: { surface: 'cli' },
    });
    writeFileSync(
      join(dir, 'suite.yaml'),
      stringify([
        {
          question: 'How do production deploys work?',
          expect: { items: [deploy.id], facts: ['release pipeline'] },
        },
        {
          question: 'Which database for new services?',
          expect: { items: [postgres.id], facts: ['PostgreSQL'] },
        },
      ]),
    );
  });
  afterAll(async () => {
    await hub.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ask streams the answer, then its sources and owners', async () => {
    const result = await cli(['ask', 'How', 'do', 'production', 'deploys', 'work?', ...target()]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Every production deploy goes through the release pipeline. [1]');
    expect(result.stdout).toContain(
      `[1] Deploys go through the release pipeline (bob; ${PLATFORM} ${deploy.id})`,
    );
    expect(result.stdout).toContain('Owners: bob');
  });

  it('ask without a question explains what to do', async () => {
    const result = await cli(['ask', ...target()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error [invalid_input]: Ask a question.');
  });

  it('eval prints both models and promote refuses a weaker candidate', async () => {
    fake.enqueue({ kind: 'text', text: 'No idea.' }, { kind: 'text', text: 'MongoDB [1].' });
    const evaluated = await cli(['eval', ...gate()]);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/extractive\s+100%/);
    expect(evaluated.stdout).toMatch(/claude\s+0%/);
    expect(evaluated.stdout).toContain('promotion would be refused');

    fake.enqueue({ kind: 'text', text: 'No idea.' }, { kind: 'text', text: 'MongoDB [1].' });
    const refused = await cli(['models', 'promote', ...gate()]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [eval_regression]');
    expect(existsSync(join(dir, 'promotions.json'))).toBe(false);
    expect((await cli(['models', 'list'])).stdout).toContain('answer=extractive');
  });

  it('promote accepts a candidate that holds, and the team then uses it', async () => {
    fake.enqueue(
      { kind: 'text', text: 'Through the release pipeline [1].' },
      { kind: 'text', text: 'PostgreSQL [1].' },
    );
    const promoted = await cli(['models', 'promote', ...gate()]);
    expect(promoted).toMatchObject({ code: 0, stderr: '' });
    expect(promoted.stdout).toContain('Promoted claude for team platform (was extractive).');
    expect((await cli(['models', 'list'])).stdout).toMatch(/platform\s+answer=claude/);
  });
});
