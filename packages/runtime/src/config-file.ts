import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeConfigError, EnsembleConfig, EnsembleError, ErrorCode } from '@ensemble/core';
import { parse as parseYaml } from 'yaml';

export const DEFAULT_CONFIG_FILE = 'ensemble.yaml';

/** Environment variables that override the config file; every one is optional. */
export interface ConfigEnv {
  ENSEMBLE_CONFIG?: string | undefined;
  ENSEMBLE_DATA_DIR?: string | undefined;
  ENSEMBLE_PORT?: string | undefined;
  ENSEMBLE_HOST?: string | undefined;
}

/**
 * Reads `ensemble.yaml` (or the file named by --config / ENSEMBLE_CONFIG), applies the
 * environment overrides and validates the result. A missing default file means "all defaults";
 * a missing named file or an invalid value is an error that says which field to fix.
 */
export function loadConfig(
  options: { path?: string | undefined; env?: ConfigEnv; cwd?: string } = {},
): EnsembleConfig {
  const env = options.env ?? (process.env as ConfigEnv);
  const cwd = options.cwd ?? process.cwd();
  const named = options.path ?? env.ENSEMBLE_CONFIG;
  const file = resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  let raw: unknown = {};
  if (existsSync(file)) {
    try {
      raw = parseYaml(readFileSync(file, 'utf8')) ?? {};
    } catch (e) {
      throw new EnsembleError(ErrorCode.InvalidConfig, `Cannot parse ${file}: ${(e as Error).message}`);
    }
  } else if (named) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `Config file ${file} does not exist. Create it or drop --config.`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new EnsembleError(ErrorCode.InvalidConfig, `${file} must hold a YAML mapping at the top level.`);
  }
  const withEnv = applyEnv(raw as Record<string, unknown>, env, cwd);
  const result = EnsembleConfig.safeParse(withEnv);
  if (!result.success) {
    const problems = describeConfigError(result.error).replaceAll('\n', '\n  ');
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `Invalid config in ${file} (fix these fields):\n  ${problems}`,
      result.error.issues,
    );
  }
  return result.data;
}

function applyEnv(raw: Record<string, unknown>, env: ConfigEnv, cwd: string): Record<string, unknown> {
  const hub = { ...((raw.hub as Record<string, unknown> | undefined) ?? {}) };
  if (env.ENSEMBLE_DATA_DIR) hub.dataDir = resolve(cwd, env.ENSEMBLE_DATA_DIR);
  if (env.ENSEMBLE_HOST) hub.host = env.ENSEMBLE_HOST;
  if (env.ENSEMBLE_PORT) {
    const port = Number(env.ENSEMBLE_PORT);
    // Checked here so the message blames the variable, not hub.port in a file that may be fine.
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new EnsembleError(
        ErrorCode.InvalidConfig,
        `ENSEMBLE_PORT must be a port number from 0 to 65535, got "${env.ENSEMBLE_PORT}"; fix or unset ENSEMBLE_PORT.`,
      );
    }
    hub.port = port;
  }
  return { ...raw, hub };
}
