export * from './close-codes.js';
export type * from './extension.js';
export { type AskExtensionOptions, askExtension } from './extensions/ask.js';
export { type DefaultExtensions, defaultExtensions } from './extensions/defaults.js';
export { type DigestExtensionOptions, digestExtension } from './extensions/digest.js';
export {
  type PipelineExtension,
  type PipelineExtensionOptions,
  pipelineExtension,
} from './extensions/pipeline.js';
export {
  type SearchExtensionOptions,
  type SearchHubExtension,
  searchExtension,
} from './extensions/search.js';
export { assertAccess } from './http/access.js';
export { type Hub, type HubOptions, startHub } from './hub.js';
export { createHubMetrics, type HubMetrics } from './metrics.js';
export {
  createFileSpaceStore,
  createMemorySpaceStore,
  type SpaceStore,
  STORE_LOAD_ORIGIN,
} from './persistence/index.js';
export { NotificationFeed, OwnerNotification } from './pipeline/notifications.js';
export * from './protocol.js';
export { createToken, hubSecret, type VerifiedToken, verifyToken, verifyTokenDetails } from './tokens.js';
export { SYNC_PATH } from './upgrade.js';
