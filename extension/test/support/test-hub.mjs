// Starts a real hub through the built CLI (`ensemble serve`) in a temp dir, with a token for one person.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CONFIG = `org: acme
teams:
  - id: platform
    name: Platform
    members: [alice]
  - id: payments
    name: Payments
    members: [bob]
`;

/** @returns {Promise<{ url: string, token: string, dir: string, tokenFor: (person: string, space: string) => Promise<string>, log: () => string, stop: () => Promise<void> }>} */
export async function startTestHub({
  repoRoot,
  person = 'alice',
  space = 'acme/platform',
  timeoutMs = 20_000,
}) {
  const cli = join(repoRoot, 'packages', 'cli', 'dist', 'main.js');
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run "npm run build" at the repository root first.`);
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-ext-hub-'));
  const dataDir = join(dir, 'data');
  const config = join(dir, 'ensemble.yaml');
  await writeFile(config, CONFIG);
  const common = ['--data-dir', dataDir, '--config', config];
  const tokenFor = async (who, writeSpace) => {
    const { stdout } = await run(process.execPath, [
      cli,
      'token',
      'create',
      '--person',
      who,
      '--write',
      writeSpace,
      ...common,
    ]);
    return stdout.trim().split('\n').pop() ?? '';
  };
  const token = await tokenFor(person, space);
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...common], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hub did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
  return {
    url,
    token,
    tokenFor,
    dir,
    log: () => output,
    async stop() {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killed);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
