import { describe, expect, it } from 'vitest';
import { closest, describeConfigError, EnsembleConfig, type EnsembleConfigInput } from '../src/index.js';

/** The problems of a config as `path: message` lines, as loadConfig prints them. */
function problems(input: unknown): string[] {
  const result = EnsembleConfig.safeParse(input);
  if (result.success) return [];
  return describeConfigError(result.error).split('\n');
}

const org: EnsembleConfigInput = {
  org: 'acme',
  people: [
    { id: 'alice', name: 'Alice' },
    { id: 'bob', name: 'Bob' },
  ],
  teams: [
    {
      id: 'platform',
      name: 'Platform',
      members: ['alice'],
      defaultOwner: 'alice',
      readsFrom: ['acme/payments'],
      ownership: [{ pattern: 'infra/**', owners: ['alice'] }],
    },
    { id: 'payments', name: 'Payments', members: ['bob'], defaultOwner: 'bob', readsFrom: ['acme/platform'] },
  ],
  slack: { channels: [{ channelId: 'C0123ABCD', team: 'platform' }] },
};

describe('config: unknown fields', () => {
  it('accepts a complete valid config', () => {
    expect(problems(org)).toEqual([]);
  });

  it('names the path of a misspelt key and suggests the known one', () => {
    expect(problems({ hbu: { port: 1 } })).toEqual(['hbu: unknown field; did you mean hub?']);
    expect(problems({ hub: { prot: 5000 } })).toEqual(['hub.prot: unknown field; did you mean port?']);
    expect(problems({ ...org, teams: [{ id: 'platform', name: 'P', defaultOwnr: 'alice' }] })).toEqual([
      'teams.0.defaultOwnr: unknown field; did you mean defaultOwner?',
    ]);
  });

  it('lists the known fields when nothing is close', () => {
    const [line] = problems({ hub: { colour: 'blue' } });
    expect(line).toMatch(/^hub\.colour: unknown field; remove it or use one of host, port, dataDir/);
  });

  it('is strict in every section: assistant, retrieval, slack, people and ownership rules', () => {
    expect(problems({ assistant: { budget: { maxStep: 3 } } })).toEqual([
      'assistant.budget.maxStep: unknown field; did you mean maxSteps?',
    ]);
    expect(
      problems({ assistant: { models: { m: { provider: 'extractive', model: 'x', key: 'k' } } } }),
    ).toEqual([
      expect.stringMatching(
        /^assistant\.models\.m\.key: unknown field; remove it or use one of provider, model/,
      ),
    ]);
    expect(problems({ retrieval: { embedder: { kind: 'hashing', dimension: 64 } } })).toEqual([
      'retrieval.embedder.dimension: unknown field; did you mean dimensions?',
    ]);
    expect(problems({ slack: { digest: { crom: '0 9 * * MON' } } })).toEqual([
      'slack.digest.crom: unknown field; did you mean cron?',
    ]);
    expect(problems({ people: [{ id: 'alice', name: 'A', slackUserID: 'U1' }] })).toEqual([
      'people.0.slackUserID: unknown field; did you mean slackUserId?',
    ]);
    expect(
      problems({ teams: [{ id: 'p', name: 'P', ownership: [{ pattern: '**', owner: ['a'] }] }] }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^teams\.0\.ownership\.0\.owner: unknown field; did you mean owners\?/),
      ]),
    );
  });

  it('reports several unknown keys of one object together', () => {
    const [line] = problems({ hub: { prot: 1, hots: 'x' } });
    expect(line).toBe('hub: unknown fields prot (did you mean port?), hots (did you mean host?)');
  });

  it('suggests only keys that are near', () => {
    expect(closest('hbu', ['hub', 'org'])).toBe('hub');
    expect(closest('zzzzzz', ['hub', 'org'])).toBeUndefined();
  });
});

describe('config: references between fields', () => {
  it('rejects two teams with the same id', () => {
    const teams = [...(org.teams ?? []), { id: 'platform', name: 'Platform again' }];
    expect(problems({ ...org, teams })).toEqual([
      'teams.2.id: team id "platform" is also used by teams.0; give each team its own id',
    ]);
  });

  it('rejects members, default owners and rule owners that are not under people', () => {
    const [platform, payments] = org.teams ?? [];
    const teams = [
      {
        ...platform,
        members: ['alice', 'zed'],
        defaultOwner: 'alcie',
        ownership: [{ pattern: '**', owners: ['bob', 'zed'] }],
      },
      payments,
    ];
    const lines = problems({ ...org, teams });
    expect(lines).toEqual([
      'teams.0.members.1: "zed" is not under people; add { id: zed, name: ... } to people',
      'teams.0.defaultOwner: "alcie" is not under people; did you mean alice? Otherwise add { id: alcie, name: ... } to people',
      'teams.0.ownership.0.owners.1: "zed" is not under people; add { id: zed, name: ... } to people',
    ]);
  });

  it('does not check people when none are listed', () => {
    expect(
      problems({ teams: [{ id: 'platform', name: 'P', members: ['anyone'], defaultOwner: 'zed' }] }),
    ).toEqual([]);
  });

  it('rejects readsFrom naming a space that is not a configured team', () => {
    const [platform, payments] = org.teams ?? [];
    const teams = [{ ...platform, readsFrom: ['acme/paymnets', 'globex/payments'] }, payments];
    const lines = problems({ ...org, teams });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^teams\.0\.readsFrom\.0: "acme\/paymnets" is not the space of a configured team/,
    );
    expect(lines[0]).toContain('did you mean acme/payments?');
    expect(lines[1]).toMatch(/^teams\.0\.readsFrom\.1: "globex\/payments" is not the space/);
    expect(lines[1]).toContain('acme/platform, acme/payments');
  });

  it('rejects Slack channels and assistant overrides naming an unknown team', () => {
    const lines = problems({
      ...org,
      slack: { channels: [{ channelId: 'C0123ABCD', team: 'mobile' }] },
      assistant: { teams: { platfrom: { monthlyCapUsd: 1 } } },
    });
    expect(lines).toEqual([
      'slack.channels.0.team: team "mobile" is not under teams; fix it or add { id: mobile, name: ... } to teams',
      'assistant.teams.platfrom: team "platfrom" is not under teams; did you mean platform? Otherwise fix it or add { id: platfrom, name: ... } to teams',
    ]);
  });

  it('says what an org id looks like', () => {
    expect(problems({ org: 'Acme Corp' })).toEqual(['org: org ids are lowercase words like "acme"']);
  });
});
