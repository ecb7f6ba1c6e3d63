import { describe, expect, it } from 'vitest';
import { chatHtml } from '../../src/chat-html.js';

describe('chat view html', () => {
  const options = {
    cspSource: 'https://webview.example',
    scriptUri: 'https://webview.example/dist/webview.js',
    styleUri: 'https://webview.example/media/chat.css',
  };

  it('allows only the nonced script and the extension stylesheet', () => {
    const { html, nonce } = chatHtml(options);
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).toContain('style-src https://webview.example');
    expect(csp).not.toContain('unsafe-inline');
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([` nonce="${nonce}" src="${options.scriptUri}"`]);
  });

  it('uses a fresh unguessable nonce per render', () => {
    const a = chatHtml(options).nonce;
    const b = chatHtml(options).nonce;
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(20);
  });

  it('escapes resource URIs', () => {
    const { html } = chatHtml({ ...options, scriptUri: 'https://x/"><script>alert(1)</script>' });
    expect(html).not.toContain('"><script>alert(1)');
  });
});
