// Runs code-server (the real VS Code workbench and extension host) on 127.0.0.1 with a fresh profile.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function codeServerBinary(extensionRoot) {
  const bin =
    process.env.CODE_SERVER ||
    join(extensionRoot, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) {
    throw new Error(
      `code-server not found at ${bin}: run "sh test/install-code-server.sh .vscode-test/code-server" in extension/.`,
    );
  }
  return bin;
}

/** Installs a vsix into a fresh extensions dir, the way a user would. */
export async function installVsix(bin, vsix, extensionsDir, userDataDir) {
  await new Promise((resolve, reject) => {
    const child = spawn(
      bin,
      ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`installing ${vsix} failed:\n${out}`)),
    );
  });
}

/** @returns {Promise<{ url: string, extensionsDir: string, userDataDir: string, log: () => string, stop: () => Promise<void> }>} */
export async function startCodeServer({ bin, env = {}, beforeStart, timeoutMs = 60_000 }) {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-cs-'));
  const userDataDir = join(dir, 'user');
  const extensionsDir = join(dir, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'security.workspace.trust.enabled': false,
      'workbench.tips.enabled': false,
    }),
  );
  await writeFile(join(dir, 'config.yaml'), 'auth: none\n');
  if (beforeStart) await beforeStart({ extensionsDir, userDataDir });
  const args = [
    '--config',
    join(dir, 'config.yaml'),
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  const child = spawn(bin, args, {
    env: { ...process.env, ...env, HOME: dir, EXTENSIONS_GALLERY: '{}' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group, so stopping it also stops the extension host it forks
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    extensionsDir,
    userDataDir,
    log: () => output,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(killed);
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
