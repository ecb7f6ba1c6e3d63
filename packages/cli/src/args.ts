import { EnsembleError, ErrorCode } from '@ensemble/core';

/** Runs a node:util parseArgs call, turning its errors into `invalid_input` that shows the usage. */
export function parseWithUsage<R>(usage: string, parse: () => R): R {
  try {
    return parse();
  } catch (e) {
    throw new EnsembleError(ErrorCode.InvalidInput, `${(e as Error).message}\n\n${usage}`);
  }
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
