// Runs the mocha suite inside the real extension host of code-server, the @vscode/test-electron way:
// extensionDevelopmentPath + extensionTestsPath in the payload, exit code through codeAutomationExit.
import { format } from 'node:util';
import { enableSmokeTestDriver } from './support/browser.mjs';

export async function runMochaInHost({
  browser,
  serverUrl,
  extensionRoot,
  testsPath,
  workspace,
  timeoutMs,
  write,
}) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  try {
    const exit = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      write(`  [host ${type}] ${format(...args).replace(/\n\s+at .*/g, '')}\n`);
    });
    await enableSmokeTestDriver(page);
    const authority = new URL(serverUrl).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionRoot}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(
      `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`,
    );
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    await page.close();
  }
}
