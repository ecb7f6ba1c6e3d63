import { asEnsembleError } from '@ensemble/core';
import { wantsHelp } from './args.js';
import { commands } from './commands/index.js';
import type { CliIo } from './io.js';

function overview(): string {
  const width = Math.max(...[...commands.keys()].map((name) => name.length));
  const lines = [...commands].map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: ensemble <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "ensemble <command> --help" for a command's options.\n`;
}

/**
 * Runs one CLI invocation and returns the exit code. Errors print as `error [code]: message`
 * on stderr; the process is never exited from here, so tests can call it in-process.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  stderr: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((words) => commands.has(words));
  if (!name) {
    if (argv.length === 0 || wantsHelp(argv.slice(0, 1))) {
      io.stdout(overview());
      return 0;
    }
    stderr(`error [invalid_input]: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${overview()}`);
    return 1;
  }
  const command = commands.get(name);
  const args = argv.slice(name.split(' ').length);
  if (!command) return 1;
  if (wantsHelp(args)) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    await command.run(args, io);
    return 0;
  } catch (e) {
    const error = asEnsembleError(e);
    stderr(`error [${error.code}]: ${error.message}\n`);
    return 1;
  }
}
