import { describe, expect, it } from 'vitest';
import { parseHostToWebview, parseWebviewToHost } from '../../src/protocol.js';

const source = {
  n: 1,
  space: 'acme/platform',
  id: '01JB0000000000000000000000',
  kind: 'decision',
  title: 'Use PostgreSQL',
  owner: 'alice',
  status: 'accepted',
  path: 'src/db.ts',
  line: 3,
};

describe('webview protocol', () => {
  it('accepts every message the webview sends', () => {
    expect(parseWebviewToHost({ type: 'ready' })).toEqual({ ok: true, message: { type: 'ready' } });
    const ask = parseWebviewToHost({ type: 'ask', turn: 't1', question: '  which db?  ' });
    expect(ask).toEqual({ ok: true, message: { type: 'ask', turn: 't1', question: 'which db?' } });
    const open = parseWebviewToHost({ type: 'openCitation', target: { path: 'src/db.ts', line: 3 } });
    expect(open.ok).toBe(true);
  });

  it('rejects unknown types, empty questions and wrong field types with a reason', () => {
    const unknown = parseWebviewToHost({ type: 'eval', code: 'alert(1)' });
    expect(unknown.ok).toBe(false);
    const empty = parseWebviewToHost({ type: 'ask', turn: 't1', question: '   ' });
    expect(empty).toMatchObject({ ok: false, error: expect.stringContaining('question') });
    const badLine = parseWebviewToHost({ type: 'openCitation', target: { path: 'a', line: -2 } });
    expect(badLine).toMatchObject({ ok: false, error: expect.stringContaining('target.line') });
    expect(parseWebviewToHost('ready').ok).toBe(false);
  });

  it('accepts streamed answer events for a turn and rejects sources that break the wire contract', () => {
    expect(parseHostToWebview({ type: 'delta', turn: 'h1', text: 'We use ' }).ok).toBe(true);
    expect(parseHostToWebview({ type: 'sources', turn: 'h1', sources: [source] }).ok).toBe(true);
    const noOwner = parseHostToWebview({
      type: 'sources',
      turn: 'h1',
      sources: [{ ...source, owner: 'Not A Handle' }],
    });
    expect(noOwner.ok).toBe(false);
    expect(parseHostToWebview({ type: 'state', state: 'synced' }).ok).toBe(true);
    expect(parseHostToWebview({ type: 'state', state: 'happy' }).ok).toBe(false);
    expect(parseHostToWebview({ type: 'error', code: 'unauthorized', message: 'Sign in' }).ok).toBe(true);
  });
});
