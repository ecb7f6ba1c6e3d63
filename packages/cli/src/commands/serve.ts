import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EnsembleError, ErrorCode } from '@ensemble/core';
import { createLogger, loadConfig } from '@ensemble/runtime';
import { defaultExtensions, startHub } from '@ensemble/sync-server';
import { parseWithUsage } from '../args.js';
import type { Command } from '../io.js';

const usage = `Usage: ensemble serve [--config <file>] [--port <n>] [--data-dir <dir>]

Runs the hub: websocket sync, the HTTP API, /healthz and /metrics. Without a config file it
uses the embedded defaults (127.0.0.1:4321, data in ./.data). Stops gracefully on Ctrl-C/SIGTERM.
  --config <file>    ensemble.yaml to read (ENSEMBLE_CONFIG)
  --port <n>         port to listen on; 0 picks a free one (ENSEMBLE_PORT)
  --data-dir <dir>   where spaces and the hub secret are stored (ENSEMBLE_DATA_DIR)`;

export const serve: Command = {
  summary: 'run the hub',
  usage,
  async run(args, io) {
    const { values } = parseWithUsage(usage, () =>
      parseArgs({
        args,
        options: { config: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
        allowPositionals: false,
        strict: true,
      }),
    );
    const config = loadConfig({ path: values.config, env: io.env, cwd: io.cwd });
    if (values.port !== undefined) config.hub.port = parsePort(values.port);
    config.hub.dataDir = resolve(io.cwd, values['data-dir'] ?? config.hub.dataDir);
    const hub = await startHub({
      config,
      logger: createLogger(),
      extensions: defaultExtensions({ env: io.env }).all,
    });
    io.stdout(`Ensemble hub listening on ${hub.url}\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.stdout('Stopping: storing every space...\n');
    await hub.close();
    io.stdout('Hub stopped.\n');
  },
};

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `--port must be a number from 0 to 65535, got "${text}".`,
    );
  }
  return port;
}
