// The same mocha suite through @vscode/test-electron, for machines with desktop VS Code (or internet to
// download it). CI here uses code-server instead (run-vscode-tests.mjs). VSCODE_EXECUTABLE picks a local build.
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { startTestHub } from './support/test-hub.mjs';
import { createWorkspace } from './support/workspace.mjs';

const extensionRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const hub = await startTestHub({ repoRoot: resolve(extensionRoot, '..') });
const workspace = await createWorkspace({ hubUrl: hub.url, team: 'acme/platform' });
let code = 1;
try {
  code = await runTests({
    extensionDevelopmentPath: extensionRoot,
    extensionTestsPath: join(extensionRoot, 'dist', 'test', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { ENSEMBLE_TOKEN: hub.token },
    ...(process.env.VSCODE_EXECUTABLE
      ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }
      : { version: '1.100.3' }),
  });
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
} finally {
  await hub.stop();
  await rm(workspace, { recursive: true, force: true });
}
process.exit(code);
