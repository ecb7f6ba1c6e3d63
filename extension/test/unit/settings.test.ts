import { createToken } from '@ensemble/sync-server';
import { describe, expect, it } from 'vitest';
import { claimsOfToken } from '../../src/identity.js';
import { parseSettings, syncServerUrl } from '../../src/settings.js';

describe('settings', () => {
  it('derives the sync and ask addresses from the hub URL', () => {
    expect(syncServerUrl('http://127.0.0.1:4321/')).toBe('ws://127.0.0.1:4321/v1/sync');
    expect(syncServerUrl('https://hub.example.com')).toBe('wss://hub.example.com/v1/sync');
  });

  it('rejects a bad team or URL with a message that says where to fix it', () => {
    expect(parseSettings({ hubUrl: 'http://h:1', team: 'acme/platform' }).team).toBe('acme/platform');
    expect(parseSettings({}).team).toBe('');
    expect(() => parseSettings({ hubUrl: 'http://h:1', team: 'Platform' })).toThrow(/Ensemble: Settings/);
    expect(() => parseSettings({ hubUrl: 'ftp://h', team: '' })).toThrow(/http\(s\)/);
  });
});

describe('token identity', () => {
  it('reads the person a real hub token names', async () => {
    const secret = new Uint8Array(32).fill(7);
    const token = await createToken(secret, { sub: 'alice', spaces: { 'acme/platform': 'write' } }, '1h');
    expect(claimsOfToken(`  ${token}\n`)).toEqual({ sub: 'alice', spaces: { 'acme/platform': 'write' } });
  });

  it('refuses anything that is not a hub token, saying how to get one', () => {
    for (const bad of [
      '',
      'abc',
      'a.b.c',
      `x.${Buffer.from('{"sub":"Bad Name"}').toString('base64url')}.y`,
    ]) {
      expect(() => claimsOfToken(bad)).toThrow(/ensemble token create/);
    }
  });
});
