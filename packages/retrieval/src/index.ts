export * from './api-embedders.js';
export * from './create-embedder.js';
export * from './embedder.js';
export * from './fusion.js';
export * from './hashing-embedder.js';
export * from './indexer.js';
export * from './retrieval-index.js';
export * from './search-query.js';
export type { OpenReason } from './table-store.js';
