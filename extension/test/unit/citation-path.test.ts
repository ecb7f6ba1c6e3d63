import { describe, expect, it } from 'vitest';
import { isOpenableLink, isSafeRelativePath } from '../../src/citation-path.js';

describe('citation safety', () => {
  it('follows only workspace-relative paths', () => {
    expect(isSafeRelativePath('src/db.ts')).toBe(true);
    for (const bad of [
      '',
      '/etc/passwd',
      '../secrets.txt',
      'src/../../x',
      'C:\\Windows\\x',
      '\\\\server\\share',
    ]) {
      expect(isSafeRelativePath(bad)).toBe(false);
    }
  });

  it('opens only web and Slack links', () => {
    expect(isOpenableLink('https://acme.slack.com/archives/C1/p1')).toBe(true);
    expect(isOpenableLink('slack://channel?id=C1')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.quit']) {
      expect(isOpenableLink(bad)).toBe(false);
    }
  });
});
