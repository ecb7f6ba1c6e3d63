import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
