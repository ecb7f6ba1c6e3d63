import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, silentLogger } from '@ensemble/runtime';
import { type Hub, hubSecret, searchExtension, startHub, verifyToken } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';

/** An org whose config lists its people and teams, so the CLI and the hub can check names. */
const yaml = `org: acme
people:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
teams:
  - { id: platform, name: Platform, members: [alice] }
  - { id: payments, name: Payments, members: [bob] }
`;

describe('ensemble CLI refuses bad input clearly', () => {
  let dir: string;
  let hub: Hub;

  async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), env, cwd: dir }, (t) => (stderr += t));
    return { code, stdout, stderr };
  }
  const token = async (...grants: string[]) =>
    (await cli(['token', 'create', '--person', 'alice', ...grants])).stdout.trim();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ensemble-cli-bad-'));
    writeFileSync(join(dir, 'ensemble.yaml'), yaml);
    const config = loadConfig({ cwd: dir, env: { ENSEMBLE_PORT: '0', ENSEMBLE_DATA_DIR: '.data' } });
    hub = await startHub({
      config,
      logger: silentLogger,
      secret: hubSecret(config.hub.dataDir, {}),
      extensions: [searchExtension()],
    });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs no token for a person or space the config does not list', async () => {
    expect(await cli(['token', 'create', '--person', 'zed', '--write', 'acme/platform'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error [invalid_input]: --person zed is not under people in ensemble.yaml; use one of alice, bob, or add { id: zed, name: ... } to people there first.\n',
    });
    expect(await cli(['token', 'create', '--person', 'alice', '--write', 'acme/nowhere'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error [invalid_input]: --write acme/nowhere is not the space of a team in ensemble.yaml; use one of acme/platform, acme/payments, acme/*, or add the team under teams there first.\n',
    });
    expect(await cli(['token', 'create', '--person', 'alice', '--read', 'globex/*'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error \[invalid_input\]: --read globex\/\* is not the space of a team/),
    });
    const good = await cli([
      'token',
      'create',
      '--person',
      'alice',
      '--write',
      'acme/platform',
      '--read',
      'acme/*',
    ]);
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(await verifyToken(hubSecret(join(dir, '.data'), {}), good.stdout.trim())).toEqual({
      sub: 'alice',
      spaces: { 'acme/platform': 'write', 'acme/*': 'read' },
    });
  });

  it('says how to get a token when ENSEMBLE_TOKEN is empty or unreadable', async () => {
    const env = { ENSEMBLE_HUB_URL: hub.url };
    const empty = await cli(['list'], { ...env, ENSEMBLE_TOKEN: '' });
    expect(empty).toMatchObject({ code: 1, stdout: '' });
    expect(empty.stderr).toMatch(
      /^error \[unauthorized\]: ENSEMBLE_TOKEN is set but empty: set it to a token/,
    );
    expect(empty.stderr).toContain('ensemble token create --person <you>');

    const garbage = await cli(['list'], { ...env, ENSEMBLE_TOKEN: 'not-a-token' });
    expect(garbage).toMatchObject({ code: 1, stdout: '' });
    expect(garbage.stderr).toMatch(/^error \[unauthorized\]: The token cannot be read/);
    expect(garbage.stderr).toContain('ensemble token create --person <you>');
    // --token wins over an empty variable.
    const withFlag = await cli(['list', '--token', await token('--write', 'acme/platform')], {
      ...env,
      ENSEMBLE_TOKEN: '',
    });
    expect(withFlag).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a decision owned by someone not under people and records nothing', async () => {
    const env = { ENSEMBLE_HUB_URL: hub.url, ENSEMBLE_TOKEN: await token('--write', 'acme/platform') };
    const refused = await cli(['decide', 'Use Postgres', '--owner', 'zed'], env);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(
      /^error \[invalid_input\]: owner "zed" is not a person of this hub; use one of alice, bob/,
    );
    expect(JSON.parse((await cli(['list', '--json'], env)).stdout).items).toEqual([]);
    expect(await cli(['decide', 'Use Postgres', '--owner', 'bob'], env)).toMatchObject({ code: 0 });
    expect(JSON.parse((await cli(['list', '--json'], env)).stdout).items).toHaveLength(1);
  });

  it('says which token `index rebuild` needs', async () => {
    const env = { ENSEMBLE_HUB_URL: hub.url, ENSEMBLE_TOKEN: await token('--write', 'acme/platform') };
    expect(await cli(['index', 'rebuild'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "error [forbidden]: Rebuilding the index needs a token with write access to every team space; this token cannot write acme/payments. Create one with: ensemble token create --person alice --write 'acme/*'\n",
    });
    const admin = { ...env, ENSEMBLE_TOKEN: await token('--write', 'acme/*') };
    expect(await cli(['index', 'rebuild'], admin)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Rebuilt the search index: \d+ items from 2 space\(s\)/),
    });
  });

  it('lists --space among the options of `ask --help`', async () => {
    const help = await cli(['ask', '--help']);
    expect(help.stdout).toMatch(/^Usage: ensemble ask "<question>" \[--space <id>\]/);
    expect(help.stdout).toMatch(/\n {2}--space <id> {6}the team space to ask/);
  });
});
