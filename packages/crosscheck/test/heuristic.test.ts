import { describe, expect, it } from 'vitest';
import { heuristicVerdict } from '../src/index.js';

const s = (title: string, body = '') => ({ title, body });

describe('heuristicVerdict', () => {
  it('flags different options for the same subject', () => {
    const r = heuristicVerdict(
      s('Orders database', 'The orders service uses Postgres.'),
      s('Orders DB', 'The orders service uses MySQL.'),
    );
    expect(r.verdict).toBe('conflicts');
    expect(r.rationale).toMatch(/postgres vs mysql/);
  });

  it('flags different values for the same setting, with units normalised', () => {
    expect(
      heuristicVerdict(
        s('Log retention', 'Logs are kept for 30 days.'),
        s('Logs', 'Logs are kept for 90 days.'),
      ).verdict,
    ).toBe('conflicts');
    expect(
      heuristicVerdict(s('Sprint length', 'Sprints last 2 weeks.'), s('Sprints', 'Sprints last 14 days.'))
        .verdict,
    ).not.toBe('conflicts');
  });

  it('flags negation of the same statement', () => {
    const r = heuristicVerdict(
      s('Friday deploys', 'Teams deploy to production on Fridays.'),
      s('No Friday deploys', 'Teams do not deploy to production on Fridays.'),
    );
    expect(r.verdict).toBe('conflicts');
  });

  it('calls an explicit replacement "supersedes"', () => {
    const r = heuristicVerdict(
      s('Move to Postgres', 'We migrate from MySQL to Postgres for orders.'),
      s('Orders on MySQL', 'Orders are stored in MySQL.'),
    );
    expect(r.verdict).toBe('supersedes');
  });

  it('finds restatements as duplicates', () => {
    const r = heuristicVerdict(
      s('Two approvals per PR', 'Every pull request needs two approvals before merge.'),
      s('PRs need two approvals', 'A pull request requires two approvals before it can be merged.'),
    );
    expect(r.verdict).toBe('duplicate');
  });

  it('keeps different scopes and unrelated subjects consistent', () => {
    expect(
      heuristicVerdict(
        s('Internal APIs', 'Internal APIs use gRPC.'),
        s('Public API', 'The public API uses REST.'),
      ).verdict,
    ).toBe('consistent');
    expect(
      heuristicVerdict(
        s('Design tokens', 'Colours come from design tokens.'),
        s('Kafka topics', 'Topics are named by domain.'),
      ).verdict,
    ).toBe('consistent');
  });
});
