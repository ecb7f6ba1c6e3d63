import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createToken, hubSecret, verifyToken } from '../src/tokens.js';

const claims = { sub: 'alice', spaces: { 'acme/platform': 'write' as const, 'acme/*': 'read' as const } };

describe('hub tokens', () => {
  const dirs: string[] = [];
  const dir = () => {
    const path = mkdtempSync(join(tmpdir(), 'ensemble-tokens-'));
    dirs.push(path);
    return path;
  };
  afterEach(() => {
    for (const path of dirs.splice(0)) rmSync(path, { recursive: true, force: true });
  });

  it('creates the hub secret once, private to its owner, and reuses it', () => {
    const dataDir = join(dir(), 'nested');
    const secret = hubSecret(dataDir, {});
    expect(secret).toHaveLength(32);
    expect(statSync(join(dataDir, 'hub-secret')).mode & 0o777).toBe(0o600);
    expect(hubSecret(dataDir, {})).toEqual(secret);
    expect(new Uint8Array(readFileSync(join(dataDir, 'hub-secret')))).toEqual(secret);
  });

  it('lets ENSEMBLE_TOKEN_SECRET override the file, and refuses a short one', () => {
    const env = { ENSEMBLE_TOKEN_SECRET: 'x'.repeat(40) };
    expect(new TextDecoder().decode(hubSecret(dir(), env))).toBe(env.ENSEMBLE_TOKEN_SECRET);
    expect(() => hubSecret(dir(), { ENSEMBLE_TOKEN_SECRET: 'short' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });

  it('round-trips claims', async () => {
    const secret = hubSecret(dir(), {});
    expect(await verifyToken(secret, await createToken(secret, claims, '1h'))).toEqual(claims);
  });

  it('rejects expired, foreign, tampered and malformed tokens as unauthorized', async () => {
    const secret = hubSecret(dir(), {});
    const expired = await createToken(secret, claims, '-5s');
    await expect(verifyToken(secret, expired)).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('expired'),
    });
    const foreign = await createToken(hubSecret(dir(), {}), claims, '1h');
    await expect(verifyToken(secret, foreign)).rejects.toMatchObject({ code: 'unauthorized' });
    const [header, , signature] = (await createToken(secret, claims, '1h')).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, spaces: { 'acme/*': 'write' } })).toString(
      'base64url',
    );
    await expect(verifyToken(secret, `${header}.${forged}.${signature}`)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(verifyToken(secret, 'garbage')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refuses to sign invalid claims or a bad ttl', async () => {
    const secret = hubSecret(dir(), {});
    await expect(createToken(secret, { sub: 'Alice!', spaces: {} }, '1h')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(createToken(secret, claims, 'forever')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
