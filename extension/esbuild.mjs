// Bundles the two deployables of the extension (host and webview script) and the in-editor test suite.
// Everything the extension needs is bundled, so the vsix is self-contained (`vsce package --no-dependencies`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  // Workspace packages resolve to their TypeScript sources: no separate build step needed.
  conditions: ['source'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const suiteDir = join(root, 'test', 'suite');
const builds = [
  {
    ...shared,
    entryPoints: [join(root, 'src', 'extension.ts')],
    outfile: join(root, 'dist', 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ws loads these native speed-ups only if present.
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
  },
  {
    ...shared,
    entryPoints: [join(root, 'src', 'webview', 'main.ts')],
    outfile: join(root, 'dist', 'webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];
if (!production) {
  builds.push({
    ...shared,
    entryPoints: readdirSync(suiteDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(suiteDir, f)),
    outdir: join(root, 'dist', 'test', 'suite'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'bufferutil', 'utf-8-validate'],
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
