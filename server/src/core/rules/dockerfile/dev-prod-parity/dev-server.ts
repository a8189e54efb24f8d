import { defineDockerfileRule } from '../../../rule';
import { isDevelopmentDockerfile, spanOf, startInfo, type StartCommand } from '../../../dockerfile/start-command';
import type { ShellWord } from '../../../dockerfile/shell';

/** The words that make a start command a development server, or undefined. */
function devServerWords(c: StartCommand): { first: ShellWord; last: ShellWord } | undefined {
  const w = c.words;
  const v = w.map((x) => x.value);
  const p = c.program;
  const at = (i: number) => ({ first: w[0], last: w[i] });
  if (/^(nodemon|webpack-dev-server|ts-node-dev|tsnd|air|reflex|cargo-watch)$/.test(p)) return at(0);
  if ((p === 'npm' || p === 'yarn' || p === 'pnpm' || p === 'bun') ) {
    const i = v[1] === 'run' ? 2 : 1;
    if (/^(dev|develop|start:dev|dev:server|serve:dev|watch|start:watch)$/.test(v[i] ?? '')) return at(i);
    return undefined;
  }
  if ((p === 'next' || p === 'nuxt' || p === 'nuxi' || p === 'astro' || p === 'vite' || p === 'remix' || p === 'svelte-kit' || p === 'gatsby') && (v[1] === 'dev' || v[1] === 'develop')) return at(1);
  if (p === 'vite' && (v.length === 1 || (v[1]?.startsWith('-') ?? false))) return at(0);
  if ((p === 'ng' || p === 'vue-cli-service' || p === 'webpack') && v[1] === 'serve') return at(1);
  if (p === 'react-scripts' && v[1] === 'start') return at(1);
  if (p === 'flask' && v[1] === 'run') return at(1);
  if ((p === 'manage.py' || /manage\.py$/.test(v[1] ?? '')) && v.includes('runserver')) return at(v.indexOf('runserver'));
  if ((p === 'jekyll' && v[1] === 'serve') || (p === 'hugo' && (v[1] === 'server' || v[1] === 'serve'))) return at(1);
  if (p === 'php' && /artisan$/.test(v[1] ?? '') && v[2] === 'serve') return at(2);
  if (p === 'php' && v[1] === '-S') return at(1);
  if ((p === 'cargo' && v[1] === 'watch') || (p === 'dotnet' && v[1] === 'watch') || (p === 'tsx' && v[1] === 'watch')) return at(1);
  if (/^(node|bun|deno)$/.test(p)) {
    const i = v.findIndex((x) => x === '--watch' || x.startsWith('--watch='));
    if (i > 0) return { first: w[i], last: w[i] };
  }
  if (/^(uvicorn|gunicorn|hypercorn|granian)$/.test(p)) {
    const i = v.findIndex((x) => x === '--reload' || x === '--reload-dir' || x.startsWith('--reload='));
    if (i > 0) return { first: w[i], last: w[i] };
  }
  if (p === 'rails' && (v[1] === 's' || v[1] === 'server')) {
    const e = v.findIndex((x, k) => (x === '-e' || x === '--environment') && v[k + 1] === 'development');
    if (e > 0) return { first: w[e], last: w[e + 1] };
  }
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/dev-server',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'The final stage starts a development server or file watcher (`nodemon`, `npm run dev`, `flask run`, `runserver`, `--reload` …).',
    rationale: [
      'Development servers trade safety and speed for convenience: they reload on file changes, serve unoptimised',
      'assets, print debug pages with stack traces and are documented as unfit for production. An image that starts one',
      'behaves differently from what was tested and is slower and less safe under load.',
      '',
      'Start the production server in the final stage (`node server.js`, `gunicorn`, `next start`, `uvicorn` without',
      '`--reload`) and keep the dev server for a development target or a `Dockerfile.dev` (such files are not reported).',
    ].join('\n'),
    messages: {
      devServer: '`{{command}}` is a development server; start the production server in the final stage.',
    },
  },
  check({ model, source, report }) {
    if (isDevelopmentDockerfile(source.uri)) return;
    const info = startInfo(model);
    if (!info) return;
    for (const command of info.commands) {
      const found = devServerWords(command);
      if (!found) continue;
      const range = spanOf(found.first, found.last);
      const from = command.words.indexOf(found.first);
      const to = command.words.indexOf(found.last);
      const words = from === 0 ? command.words.slice(0, to + 1) : command.words.slice(from, to + 1);
      report({ messageId: 'devServer', data: { command: words.map((w) => w.value).join(' ') }, range });
    }
  },
});
