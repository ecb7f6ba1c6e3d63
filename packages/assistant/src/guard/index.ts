// The guard alone, for clients that redact before writing (the VS Code extension) without
// bundling the model providers.
export * from './checksums.js';
export * from './guard-item.js';
export * from './guard-text.js';
export * from './pii.js';
export * from './secrets.js';
export * from './types.js';
