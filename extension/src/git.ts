import { execFile } from 'node:child_process';

/** The commit checked out in `cwd`, or undefined when it is not a git repository or git is missing. */
export function headCommit(cwd: string, timeoutMs = 3000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: timeoutMs }, (error, stdout) => {
      const sha = String(stdout).trim();
      resolve(!error && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined);
    });
  });
}
