// The esbuild settings every bundle of this project is built with: scripts/build.mjs (what ships) and
// npm run bench:peers (which measures the analysis as bundled, not as tsx runs the sources).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

/** Settings shared by every bundle; `production` minifies and drops source maps (what the .vsix ships). */
export function bundleOptions(production = false) {
  return {
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
}
