// Bundles the client, the language server and the CLI with esbuild.
// `--production` minifies and drops source maps (what the .vsix ships).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { bundleOptions } from './build-options.mjs';

const production = process.argv.includes('--production');
const common = bundleOptions(production);

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // dist/server.js starts the first analysis worker, then loads the server from dist/server-main.js (see server/src/worker-start.ts).
  build({ ...common, entryPoints: ['server/src/start-server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js' }),
  // The server runs every analysis in worker threads loaded from this file (next to dist/server.js).
  build({ ...common, entryPoints: ['server/src/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/ (${production ? 'production' : 'development'})`);
