// Bundles the client, the language server and the CLI with esbuild.
// `--production` minifies and drops source maps (what the .vsix ships).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');

// `yaml` ships CommonJS for Node and the same code as ES modules for bundlers. Bundling its CommonJS
// build makes every call of an imported function (isMap, isScalar, isPair: millions per large manifest)
// go through esbuild's interop getter; its ES module build is bundled as plain functions instead
// (npm run bench:peers measures the difference). Its `browser/dist` files are that ES module build.
const yamlEsm = join(dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser', 'index.js');
const yamlAsEsm = {
  name: 'yaml-as-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: yamlEsm }));
  },
};

const common = {
  plugins: [yamlAsEsm],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // The server runs every analysis in worker threads loaded from this file (next to dist/server.js).
  build({ ...common, entryPoints: ['server/src/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/ (${production ? 'production' : 'development'})`);
