// Integration tests in a real VS Code (code-server): starts a hub through the CLI, a workspace, code-server
// with the packaged vsix installed, then (1) the mocha suite inside the extension host, (2) the UI test.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runMochaInHost } from './mocha-in-host.mjs';
import { launchChromium } from './support/browser.mjs';
import { codeServerBinary, installVsix, startCodeServer } from './support/code-server.mjs';
import { startTestHub } from './support/test-hub.mjs';
import { createWorkspace } from './support/workspace.mjs';
import { runAskSelectionUiTest, runConnectUiTest, runUiTest } from './ui.e2e.mjs';

const run = promisify(execFile);
const extensionRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(extensionRoot, '..');
const write = (text) => process.stdout.write(text);
const started = Date.now();
const lap = (m) => write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
const only = process.env.ENSEMBLE_VSCODE_ONLY; // "mocha" or "ui" to run one phase

const results = [];
const cleanups = [];
try {
  const bin = codeServerBinary(extensionRoot);
  const hub = await startTestHub({ repoRoot });
  cleanups.push(() => hub.stop());
  lap(`hub up at ${hub.url}`);
  const workspace = await createWorkspace({ hubUrl: hub.url, team: 'acme/platform' });
  cleanups.push(() => rm(workspace, { recursive: true, force: true }));
  const scratch = await mkdtemp(join(tmpdir(), 'ensemble-vsix-'));
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  const vsix = join(scratch, 'ensemble.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  await run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    {
      cwd: extensionRoot,
    },
  );
  lap('packaged the vsix');
  const server = await startCodeServer({
    bin,
    env: { ENSEMBLE_TOKEN: hub.token },
    beforeStart: ({ extensionsDir, userDataDir }) => installVsix(bin, vsix, extensionsDir, userDataDir),
  });
  cleanups.push(() => server.stop());
  lap(`code-server up at ${server.url} with the vsix installed`);
  const browser = await launchChromium();
  cleanups.push(() => browser.close());

  if (only !== 'ui') {
    const code = await runMochaInHost({
      browser,
      serverUrl: server.url,
      extensionRoot,
      testsPath: join(extensionRoot, 'dist', 'test', 'suite', 'index.js'),
      workspace,
      timeoutMs: Number(process.env.TEST_TIMEOUT_MS || 120_000),
      write,
    });
    results.push({ name: 'mocha suite in the extension host', ok: code === 0, detail: `exit ${code}` });
    lap(`mocha suite: exit ${code}`);
  }
  if (only !== 'mocha') {
    const shots = join(extensionRoot, '.vscode-test', 'screenshots');
    await mkdir(shots, { recursive: true });
    // Another team recorded the opposite: the payments assistant must flag the answer.
    const bob = await hub.tokenFor('bob', 'acme/payments');
    const seeded = await fetch(`${hub.url}/v1/spaces/acme/payments/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'decision',
        title: 'Orders database is MySQL',
        body: 'The orders service keeps its data in MySQL 8.',
        source: { surface: 'api' },
      }),
    });
    if (seeded.status !== 201) throw new Error(`seeding the payments decision failed: HTTP ${seeded.status}`);
    lap('payments recorded a conflicting decision');
    const ui = await runUiTest({
      browser,
      serverUrl: server.url,
      workspace,
      question: 'Which database do we use for orders?',
      expectOwner: 'alice',
      expectConflictOwner: only === 'ui' ? undefined : 'bob',
      screenshot: join(shots, 'chat-answer.png'),
      write,
    }).catch((e) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }));
    results.push({ name: 'UI: ask in the sidebar, read the answer and its owner', ...ui });
    lap(`UI test: ${ui.ok ? 'passed' : 'failed'}`);
    const connect = await runConnectUiTest({
      browser,
      serverUrl: server.url,
      workspace,
      token: hub.token,
      person: 'alice',
      write,
    }).catch((e) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }));
    results.push({ name: 'UI: connect through the command palette', ...connect });
    lap(`connect UI test: ${connect.ok ? 'passed' : 'failed'}`);
    const askSelection = await runAskSelectionUiTest({
      browser,
      serverUrl: server.url,
      workspace,
      fileName: 'src/db.ts',
      write,
    }).catch((e) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }));
    results.push({ name: 'UI: ask about the selection from the command palette', ...askSelection });
    lap(`ask-about-selection UI test: ${askSelection.ok ? 'passed' : 'failed'}`);
  }
  if (process.env.KEEP_LOGS)
    write(`--- hub log ---\n${hub.log()}\n--- code-server log ---\n${server.log()}\n`);
} catch (e) {
  results.push({ name: 'setup', ok: false, detail: e instanceof Error ? e.message : String(e) });
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

for (const r of results) write(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.detail}`}\n`);
const failed = results.filter((r) => !r.ok).length;
write(
  `${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
