import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '../src/index.js';

const dir = () => mkdtempSync(join(tmpdir(), 'ensemble-config-'));

describe('loadConfig', () => {
  it('uses every default when no file exists', () => {
    const config = loadConfig({ cwd: dir(), env: {} });
    expect(config.hub.port).toBe(4321);
    expect(config.org).toBe('acme');
  });

  it('reads YAML and applies environment overrides', () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'ensemble.yaml'),
      'org: globex\nhub:\n  port: 5000\nteams:\n  - id: platform\n    name: Platform\n',
    );
    const config = loadConfig({ cwd, env: { ENSEMBLE_PORT: '6000', ENSEMBLE_DATA_DIR: 'data' } });
    expect(config.org).toBe('globex');
    expect(config.hub.port).toBe(6000);
    expect(config.hub.dataDir).toBe(join(cwd, 'data'));
    expect(config.teams[0]?.members).toEqual([]);
  });

  it('names the field to fix when the config is invalid', () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'ensemble.yaml'), 'hub:\n  port: "many"\n');
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/invalid_config|hub\.port/);
    expect(() => loadConfig({ cwd, env: {} })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });

  it('stops on a misspelt key with its path and the field it probably meant', () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'ensemble.yaml'),
      'hbu:\n  port: 5000\nteams:\n  - id: platform\n    name: P\n    defaultOwnr: alice\n',
    );
    expect(() => loadConfig({ cwd, env: {} })).toThrow(
      expect.objectContaining({
        code: 'invalid_config',
        message: `Invalid config in ${join(cwd, 'ensemble.yaml')} (fix these fields):\n  teams.0.defaultOwnr: unknown field; did you mean defaultOwner?\n  hbu: unknown field; did you mean hub?`,
      }),
    );
  });

  it('stops on a team that names an unknown person or space', () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'ensemble.yaml'),
      'people:\n  - { id: alice, name: Alice }\nteams:\n  - { id: platform, name: P, members: [zed], readsFrom: [acme/nowhere] }\n',
    );
    expect(() => loadConfig({ cwd, env: {} })).toThrow(
      /teams\.0\.members\.0: "zed" is not under people; add/,
    );
    expect(() => loadConfig({ cwd, env: {} })).toThrow(
      /teams\.0\.readsFrom\.0: "acme\/nowhere" is not the space/,
    );
  });

  it('blames ENSEMBLE_PORT, not the file, for a port out of range', () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'ensemble.yaml'), 'hub:\n  port: 5000\n');
    for (const bad of ['99999', '-1', 'http']) {
      expect(() => loadConfig({ cwd, env: { ENSEMBLE_PORT: bad } })).toThrow(
        expect.objectContaining({
          code: 'invalid_config',
          message: `ENSEMBLE_PORT must be a port number from 0 to 65535, got "${bad}"; fix or unset ENSEMBLE_PORT.`,
        }),
      );
    }
    expect(loadConfig({ cwd, env: { ENSEMBLE_PORT: '0' } }).hub.port).toBe(0);
  });

  it('explains what an org id looks like', () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'ensemble.yaml'), 'org: Acme Corp\n');
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/org: org ids are lowercase words like "acme"/);
  });

  it('keeps the example ensemble.yaml of the repository valid', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const config = loadConfig({ cwd: root, env: {} });
    expect(config.teams.map((t) => t.id)).toEqual(['platform', 'payments', 'mobile']);
  });

  it('fails clearly for a named file that does not exist and for bad YAML', () => {
    const cwd = dir();
    expect(() => loadConfig({ cwd, path: 'nope.yaml', env: {} })).toThrow(/does not exist/);
    writeFileSync(join(cwd, 'ensemble.yaml'), 'hub: [unclosed');
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/Cannot parse/);
  });
});

describe('logger', () => {
  it('writes one JSON line per event at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l) }).child({ space: 'acme/x' });
    log.debug('hidden');
    log.info('connected', { bytes: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'info',
      event: 'connected',
      space: 'acme/x',
      bytes: 3,
    });
  });
});
