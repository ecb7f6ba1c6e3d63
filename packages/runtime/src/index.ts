export * from './config-file.js';
export * from './hub-client.js';
export * from './logger.js';
export * from './sse.js';
