import { asEnsembleError } from '@ensemble/core';
import { createLogger, loadConfig } from '@ensemble/runtime';
import { createSlackApp } from './app.js';
import { readSecrets } from './env.js';

/** `node dist/main.js`: reads ensemble.yaml (or ENSEMBLE_CONFIG) and the secrets from the environment. */
async function main(): Promise<void> {
  const logger = createLogger({ base: { part: 'slack' } });
  const config = loadConfig();
  const mode = process.env.ENSEMBLE_SLACK_MODE;
  if (mode === 'http' || mode === 'socket') config.slack.mode = mode;
  const app = createSlackApp({ config, secrets: readSecrets(config.slack, process.env), logger });
  await app.start();
  const shutdown = () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  const err = asEnsembleError(e);
  process.stderr.write(`ensemble-slack: ${err.message} (${err.code})\n`);
  process.exit(1);
});
