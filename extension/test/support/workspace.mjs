// A throwaway workspace folder: a small git repository with a source file and Ensemble settings.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DB_FILE = 'src/db.ts';

export async function createWorkspace({ hubUrl, team }) {
  const dir = await mkdtemp(join(tmpdir(), 'ensemble-ext-ws-'));
  await mkdir(join(dir, 'src'), { recursive: true });
  await mkdir(join(dir, '.vscode'), { recursive: true });
  await writeFile(
    join(dir, DB_FILE),
    [
      '// Storage for orders.',
      '// We use PostgreSQL for the orders database because we need transactions.',
      "export const database = 'postgresql';",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, '.vscode', 'settings.json'),
    JSON.stringify({ 'ensemble.hubUrl': hubUrl, 'ensemble.team': team }, null, 2),
  );
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  try {
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'initial');
  } catch {
    // git missing: the suite then checks that decisions are recorded without a commit
  }
  return dir;
}
