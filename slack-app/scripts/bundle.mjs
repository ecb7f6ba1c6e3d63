// Bundles the deployable Slack app into one ESM file: `node dist/bundle/main.js`.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/bundle/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Bundle our packages from their TypeScript sources, like the tests run them.
  conditions: ['source'],
  // Bolt and its deps are CommonJS; give them a require in the ESM bundle.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'info',
});
