import { NewItem } from '@ensemble/core';
import { describe, expect, it } from 'vitest';
import {
  decisionFromSelection,
  defaultTitle,
  questionAboutSelection,
  type SelectionFacts,
  sourceOfSelection,
} from '../../src/provenance.js';

const sha = 'a'.repeat(40);
const facts = (over: Partial<SelectionFacts> = {}): SelectionFacts => ({
  relativePath: 'src/db.ts',
  startLine: 9,
  endLine: 11,
  endCharacter: 4,
  text: '// We use PostgreSQL for orders\nconst db = pg();\nexport { db };',
  commit: sha,
  ...over,
});

describe('provenance of a selection', () => {
  it('records file, 1-based line range and commit', () => {
    expect(sourceOfSelection(facts())).toEqual({
      surface: 'vscode',
      path: 'src/db.ts',
      line: 10,
      endLine: 12,
      commit: sha,
    });
  });

  it('does not count the line where a selection ends at column 0', () => {
    expect(sourceOfSelection(facts({ endLine: 12, endCharacter: 0 }))).toMatchObject({
      line: 10,
      endLine: 12,
    });
  });

  it('leaves out endLine for one line, and path and commit when unknown or malformed', () => {
    const one = sourceOfSelection(facts({ endLine: 9, relativePath: undefined, commit: 'not-a-sha' }));
    expect(one).toEqual({ surface: 'vscode', line: 10 });
  });

  it('builds a decision that the core schema accepts, body = selected text', () => {
    const item = decisionFromSelection(facts(), 'Use PostgreSQL for orders');
    expect(NewItem.parse(item)).toMatchObject({
      kind: 'decision',
      body: facts().text,
      source: { path: 'src/db.ts' },
    });
  });

  it('defaults the title to the first non-empty line without comment markers', () => {
    expect(defaultTitle('\n  // We use PostgreSQL for orders\nmore')).toBe('We use PostgreSQL for orders');
    expect(defaultTitle('# Retry three times')).toBe('Retry three times');
    expect(defaultTitle('/* Cache for 5 minutes */')).toBe('Cache for 5 minutes');
    expect(defaultTitle('x'.repeat(300))).toHaveLength(200);
    expect(defaultTitle('   \n  ')).toBe('');
  });

  it('puts the selection as context into the question, within the ask size limit', () => {
    const question = questionAboutSelection('Why this database?', facts());
    expect(question).toContain('Why this database?');
    expect(question).toContain('About src/db.ts:10');
    expect(question).toContain('const db = pg();');
    expect(questionAboutSelection('q', facts({ text: 'y'.repeat(10_000) })).length).toBeLessThanOrEqual(4000);
  });
});
