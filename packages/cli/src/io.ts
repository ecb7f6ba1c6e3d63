/** What a command may touch: injected so tests run commands in-process and read their output. */
export interface CliIo {
  stdout(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  env: process.env,
  cwd: process.cwd(),
};

export interface Command {
  /** One line for `ensemble --help`. */
  summary: string;
  /** Full usage for `ensemble <command> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<void>;
}
