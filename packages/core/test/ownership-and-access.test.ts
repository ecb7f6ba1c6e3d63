import { describe, expect, it } from 'vitest';
import { accessTo, canRead, canWrite, EnsembleConfig, matchingOwners, resolveOwner } from '../src/index.js';

describe('ownership rules', () => {
  const rules = [
    { pattern: '*', owners: ['carol'] },
    { pattern: 'src/payments/', owners: ['alice'] },
    { pattern: 'tag:security', owners: ['sam'] },
    { pattern: '*.sql', owners: ['dba'] },
  ];

  it('uses the last matching rule like CODEOWNERS', () => {
    expect(matchingOwners(rules, { path: 'src/payments/charge.ts' })).toEqual(['alice']);
    expect(matchingOwners(rules, { path: 'db/migrations/001.sql' })).toEqual(['dba']);
    expect(matchingOwners(rules, { path: 'README.md' })).toEqual(['carol']);
    expect(matchingOwners(rules, { tags: ['security'] })).toEqual(['sam']);
    expect(matchingOwners(rules.slice(1), { tags: ['other'] })).toBeUndefined();
  });

  it('prefers the explicit owner, then rules, then the recorder, then the team default', () => {
    expect(resolveOwner({ explicit: 'zed', rules, subject: {} })).toBe('zed');
    expect(resolveOwner({ rules: rules.slice(1), subject: { tags: ['security'] }, recordedBy: 'bob' })).toBe(
      'sam',
    );
    expect(resolveOwner({ rules: [], subject: {}, recordedBy: 'bob', teamDefault: 'lead' })).toBe('bob');
    expect(resolveOwner({ rules: [], subject: {}, teamDefault: 'lead' })).toBe('lead');
  });
});

describe('space grants', () => {
  it('resolves exact and org-wide grants, write implying read', () => {
    const grants = { 'acme/platform': 'write', 'acme/*': 'read' } as const;
    expect(accessTo(grants, 'acme/platform')).toBe('write');
    expect(canRead(grants, 'acme/mobile')).toBe(true);
    expect(canWrite(grants, 'acme/mobile')).toBe(false);
    expect(canRead(grants, 'other/platform')).toBe(false);
  });
});

describe('config', () => {
  it('fills every default and rejects bad values with a path', () => {
    const config = EnsembleConfig.parse({});
    expect(config.hub.port).toBe(4321);
    expect(config.hub.maxMessageBytes).toBe(1024 * 1024);
    const bad = EnsembleConfig.safeParse({ hub: { port: 'x' }, teams: [{ id: 'Bad Team', name: '' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['hub.port', 'teams.0.id', 'teams.0.name']),
    );
  });
});
