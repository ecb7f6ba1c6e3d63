export { createFileSpaceStore, type FileSpaceStoreOptions } from './file-space-store.js';
export { createMemorySpaceStore, type MemorySpaces, type StoredSpace } from './memory-space-store.js';
export { type SpaceStore, STORE_LOAD_ORIGIN } from './space-store.js';
