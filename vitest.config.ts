import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources through the `source` export condition: no build needed.
const conditions = ['source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'sync-server/test/**/*.test.ts',
      'slack-app/test/**/*.test.ts',
      'extension/test/unit/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    onConsoleLog: (_log, type) => type === 'stderr',
  },
});
