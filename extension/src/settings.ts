import { EnsembleError, ErrorCode, SpaceId, summarize } from '@ensemble/core';
import { z } from 'zod';

/** The extension's settings (`ensemble.*`), validated the same way wherever they are read. */
export const ExtensionSettings = z.object({
  hubUrl: z
    .url({
      protocol: /^https?$/,
      error: 'ensemble.hubUrl must be an http(s) URL like https://hub.example.com',
    })
    .default('http://127.0.0.1:4321'),
  team: z.union([z.literal(''), SpaceId]).default(''),
});
export type ExtensionSettings = z.infer<typeof ExtensionSettings>;

export function parseSettings(raw: unknown): ExtensionSettings {
  const result = ExtensionSettings.safeParse(raw);
  if (!result.success) {
    throw new EnsembleError(
      ErrorCode.InvalidConfig,
      `Ensemble settings are invalid (${summarize(result.error)}). Fix them with "Ensemble: Settings".`,
    );
  }
  return result.data;
}

export { syncServerUrl } from '@ensemble/runtime';
