/**
 * Development servers and file watchers, recognised from a command's words: the one list that the Dockerfile's
 * start command (dev-prod-parity/dev-server) and a container's command (dev-prod-parity/dev-server-command) are
 * judged by.
 *
 * What counts is what the tool's own documentation calls a development mode: a server that reloads on file changes,
 * serves unoptimised assets or debug pages (`next dev`, `flask run`, `manage.py runserver`, `--reload`), or says it
 * is not for production (Keycloak's `start-dev`: HTTP, an in-memory H2 database, caches off).
 *
 * Pure: no I/O.
 */
import { parseImageReference } from './kubernetes/images';

/** A package script named as a development one: `npm run dev`, `yarn watch`, `pnpm start:dev`. */
const DEV_SCRIPT = /^(dev|develop|start:dev|dev:server|serve:dev|watch|start:watch)$/;

/** Programs that are a watcher or development server by themselves. */
const WATCHERS = /^(nodemon|webpack-dev-server|ts-node-dev|tsnd|air|reflex|cargo-watch)$/;

/**
 * Which words of a command make it a development server, as the indexes of the first and last of them; undefined
 * when it is none. `v` holds the command's words with runners already unwrapped (`npx`, `bundle exec`, `python -m`);
 * `p` is its program, the base name of `v[0]`, lower-cased.
 */
export function devServerSpan(v: readonly string[], p: string): [number, number] | undefined {
  const at = (i: number): [number, number] => [0, i];
  if (WATCHERS.test(p)) return at(0);
  if (p === 'npm' || p === 'yarn' || p === 'pnpm' || p === 'bun') {
    // npm runs a script only through `run` (`npm dev` is no command); yarn, pnpm and bun also take the script's name alone.
    const i = v[1] === 'run' || v[1] === 'run-script' ? 2 : p === 'npm' ? -1 : 1;
    return i > 0 && DEV_SCRIPT.test(v[i] ?? '') ? at(i) : undefined;
  }
  if ((p === 'next' || p === 'nuxt' || p === 'nuxi' || p === 'astro' || p === 'vite' || p === 'remix' || p === 'svelte-kit' || p === 'gatsby') && (v[1] === 'dev' || v[1] === 'develop')) return at(1);
  if (p === 'vite' && (v.length === 1 || v[1] === 'serve' || (v[1]?.startsWith('-') ?? false))) return at(v[1] === 'serve' ? 1 : 0);
  if ((p === 'ng' || p === 'vue-cli-service' || p === 'webpack') && v[1] === 'serve') return at(1);
  if (p === 'react-scripts' && v[1] === 'start') return at(1);
  if (p === 'flask' && v[1] === 'run') return at(1);
  // The FastAPI CLI: `fastapi dev` reloads on changes and listens on 127.0.0.1; `fastapi run` is its production mode.
  if (p === 'fastapi' && v[1] === 'dev') return at(1);
  if ((p === 'manage.py' || /manage\.py$/.test(v[1] ?? '')) && v.includes('runserver')) return at(v.indexOf('runserver'));
  if ((p === 'jekyll' && v[1] === 'serve') || (p === 'hugo' && (v[1] === 'server' || v[1] === 'serve'))) return at(1);
  if (p === 'php' && /artisan$/.test(v[1] ?? '') && v[2] === 'serve') return at(2);
  if (p === 'php' && v[1] === '-S') return at(1);
  if ((p === 'cargo' && v[1] === 'watch') || (p === 'dotnet' && v[1] === 'watch') || (p === 'tsx' && v[1] === 'watch')) return at(1);
  if (p === 'kc.sh' && v[1] === 'start-dev') return at(1);
  // The Symfony CLI's local web server (`symfony serve`, `symfony server:start`), which its documentation keeps for development.
  if (p === 'symfony' && (v[1] === 'serve' || v[1] === 'server:start')) return at(1);
  // `nest start --watch` recompiles and restarts on each change.
  if (p === 'nest' && v[1] === 'start') {
    const i = v.findIndex((x) => x === '--watch' || x === '-w');
    if (i > 0) return [0, i];
  }
  if (/^(node|bun|deno)$/.test(p)) {
    const i = v.findIndex((x) => x === '--watch' || x.startsWith('--watch='));
    if (i > 0) return [i, i];
  }
  if (/^(uvicorn|gunicorn|hypercorn|granian)$/.test(p)) {
    const i = v.findIndex((x) => x === '--reload' || x === '--reload-dir' || x.startsWith('--reload='));
    if (i > 0) return [i, i];
  }
  // uWSGI's reloader: `--py-autoreload 3` (or `--python-autoreload`) checks the modules every N seconds; 0 is off.
  if (p === 'uwsgi') {
    const i = v.findIndex((x) => x === '--py-autoreload' || x === '--python-autoreload' || /^--py(thon)?-autoreload=/.test(x));
    const seconds = i > 0 ? (v[i].includes('=') ? v[i].slice(v[i].indexOf('=') + 1) : v[i + 1]) : undefined;
    if (i > 0 && seconds !== undefined && /^[1-9]\d*$/.test(seconds)) return v[i].includes('=') ? [i, i] : [i, i + 1];
  }
  if (p === 'rails' && (v[1] === 's' || v[1] === 'server')) {
    const e = v.findIndex((x, k) => (x === '-e' || x === '--environment') && v[k + 1] === 'development');
    if (e > 0) return [e, e + 1];
  }
  return undefined;
}

/**
 * Keycloak's image runs `kc.sh` with the container's arguments: `args: [start-dev]` on it (no command of its own)
 * starts the development mode. True for such arguments on an image whose repository is `keycloak`.
 */
export function isKeycloakStartDev(image: string | undefined, args: readonly string[]): boolean {
  if (args[0] !== 'start-dev' || !image) return false;
  const { repository } = parseImageReference(image);
  return repository.slice(repository.lastIndexOf('/') + 1) === 'keycloak';
}
