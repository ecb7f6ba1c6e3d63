import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnsembleConfig } from '@ensemble/core';
import { silentLogger } from '@ensemble/runtime';
import { type Hub, hubSecret, startHub, verifyToken } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';

describe('ensemble CLI against a running hub', () => {
  let dataDir: string;
  let hub: Hub;

  /** Runs the CLI in-process with its own environment and captures both streams. */
  async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      argv,
      { stdout: (t) => (stdout += t), env, cwd: dataDir },
      (t) => (stderr += t),
    );
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ensemble-cli-'));
    const config = EnsembleConfig.parse({ hub: { port: 0, dataDir } });
    hub = await startHub({ config, logger: silentLogger, secret: hubSecret(dataDir, {}) });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a token signed with the data directory secret', async () => {
    const result = await cli([
      'token',
      'create',
      '--person',
      'alice',
      '--write',
      'acme/platform',
      '--read',
      'acme/*',
      '--data-dir',
      '.',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const claims = await verifyToken(hubSecret(dataDir, {}), result.stdout.trim());
    expect(claims).toEqual({ sub: 'alice', spaces: { 'acme/platform': 'write', 'acme/*': 'read' } });
  });

  it('records, lists and shows decisions in the token’s space', async () => {
    const token = (
      await cli(['token', 'create', '--person', 'alice', '--write', 'acme/platform', '--data-dir', '.'])
    ).stdout.trim();
    const env = { ENSEMBLE_HUB_URL: hub.url, ENSEMBLE_TOKEN: token };
    const decided = await cli(
      ['decide', 'Use Postgres', '--body', 'For the ledger', '--tag', 'db', '--owner', 'bob'],
      env,
    );
    expect(decided.code).toBe(0);
    const id = /([0-9A-HJKMNP-TV-Z]{26})/.exec(decided.stdout)?.[1] ?? '';
    expect(decided.stdout).toContain('acme/platform');

    const listed = await cli(['list', '--kind', 'decision'], env);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('Use Postgres');
    const json = JSON.parse((await cli(['list', '--json', '--status', 'proposed'], env)).stdout);
    expect(json.items).toHaveLength(1);
    expect(json.items[0]).toMatchObject({ owner: 'bob', tags: ['db'], source: { surface: 'cli' } });

    const shown = await cli(['show', id, '--hub', hub.url, '--token', token, '--space', 'acme/platform'], {});
    expect(shown.stdout).toContain('For the ledger');
    expect(shown.stdout).toContain('owner     bob');
  });

  it('prints coded errors and exits 1', async () => {
    const token = (
      await cli(['token', 'create', '--person', 'carol', '--write', 'acme/mobile', '--data-dir', '.'])
    ).stdout.trim();
    const env = { ENSEMBLE_HUB_URL: hub.url, ENSEMBLE_TOKEN: token };
    expect(await cli(['list', '--space', 'acme/platform'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error \[forbidden\]: carol may not read acme\/platform/),
    });
    expect(await cli(['show', '01ARZ3NDEKTSV4RRFFQ69G5FAV'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error \[not_found\]/),
    });
    expect(await cli(['decide'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('title') });
    expect(await cli(['list', '--kind', 'wish'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/invalid_input/),
    });
    expect(await cli(['list'], {})).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error \[unauthorized\]/),
    });
    expect(await cli(['list', '--bogus'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Usage'),
    });
    expect(await cli(['token', 'create', '--person', 'dan'], {})).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--write or --read'),
    });
    expect(await cli(['list'], { ...env, ENSEMBLE_HUB_URL: 'http://127.0.0.1:1' })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error \[unavailable\]: Cannot reach the hub/),
    });
    expect(await cli(['fly'], {})).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown command'),
    });
  });

  it('prints help for the CLI and for each command', async () => {
    const overview = await cli(['--help']);
    for (const name of ['serve', 'token create', 'decide', 'list', 'show'])
      expect(overview.stdout).toContain(name);
    for (const argv of [['serve'], ['token', 'create'], ['decide'], ['list'], ['show']]) {
      const help = await cli([...argv, '--help']);
      expect(help).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`Usage: ensemble ${argv.join(' ')}`),
      });
    }
  });
});
