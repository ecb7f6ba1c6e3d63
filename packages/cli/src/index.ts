export { runCli } from './cli.js';
export { commands } from './commands/index.js';
export type { CliIo, Command } from './io.js';
