export * from './config-file.js';
export * from './logger.js';
