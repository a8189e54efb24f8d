import { defineKubernetesRule } from '../../../rule';
import { appContainerCommands, basename, runnerStripped, type ShellWord } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

/** Returns the word to report when the words start a development server. */
function devServer(words: ShellWord[]): ShellWord | undefined {
  const values = runnerStripped(words.map((w) => w.value));
  let offset = Math.max(0, words.findIndex((w) => w.value === values[0]));
  let v = values;
  // `python -m flask run`, `python -m uvicorn …`
  if (/^python[\d.]*$/.test(basename(v[0] ?? '')) && v[1] === '-m') {
    v = v.slice(2);
    offset += 2;
  }
  const program = basename(v[0] ?? '');
  const head = words[offset];
  const sub = v[1] ?? '';
  const flag = (re: RegExp) => words.slice(offset).find((w) => re.test(w.value));
  if (['nodemon', 'ts-node-dev', 'webpack-dev-server', 'react-scripts'].includes(program)) return program === 'react-scripts' ? (sub === 'start' ? head : undefined) : head;
  if (program === 'webpack' && sub === 'serve') return head;
  if (program === 'ng' && sub === 'serve') return head;
  if ((program === 'next' || program === 'nuxt' || program === 'nuxi') && sub === 'dev') return head;
  if (program === 'vite' && (v.length === 1 || sub === 'dev' || sub === 'serve' || sub.startsWith('--'))) return head;
  if (program === 'gatsby' && sub === 'develop') return head;
  if (program === 'vue-cli-service' && sub === 'serve') return head;
  if (/^(npm|yarn|pnpm|bun)$/.test(program)) {
    const script = sub === 'run' || sub === 'run-script' ? v[2] : program === 'npm' ? undefined : sub;
    return script && /^(dev|develop|start:dev|serve:dev|watch|dev:server)$/.test(script) ? head : undefined;
  }
  if (/manage\.py$/.test(v[0] ?? '') || (/^python[\d.]*$/.test(program) && /manage\.py$/.test(sub))) return v.includes('runserver') ? words[offset + v.indexOf('runserver')] : undefined;
  if (program === 'flask' && sub === 'run') return head;
  if (['uvicorn', 'gunicorn', 'hypercorn'].includes(program)) return flag(/^--reload$/);
  if (program === 'node') return flag(/^--watch(=|$)/);
  if ((program === 'rails' && /^(s|server)$/.test(sub)) || (program === 'rails' && sub === 'server')) {
    const env = v.findIndex((w) => w === '-e' || w === '--environment');
    return env >= 0 && v[env + 1] === 'development' ? words[offset + env + 1] : undefined;
  }
  if (program === 'php' && sub === 'artisan' && v[2] === 'serve') return head;
  if (program === 'dotnet' && sub === 'watch') return head;
  return undefined;
}

export default defineKubernetesRule({
  meta: {
    id: 'dev-prod-parity/dev-server-command',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A container runs a development server or file watcher (nodemon, `npm run dev`, `manage.py runserver`, `--reload` …).',
    rationale: [
      'Dev/prod parity keeps the gap between what developers run and what production runs small. A development server',
      'in a manifest widens it in the worst direction: it is single-threaded or unoptimised, restarts on file changes,',
      'often prints debug pages, and behaves unlike the server production is tested with.',
      '',
      'Run the production server in every cluster (node, gunicorn/uvicorn without `--reload`, `next start`), and keep',
      'hot reload for local tooling such as Skaffold or Tilt dev profiles.',
      '',
      "Not reported: init containers, commands with a template expression, development servers started by the image's",
      'own default command rather than the manifest, `npm start` and other scripts not named like a dev script, and',
      '`rails server` unless it is told `-e development`. Each container is reported at most once.',
    ].join('\n'),
    messages: {
      devServer: 'Container `{{container}}` starts a development server (`{{word}}`); run the production server so every environment runs the same thing.',
    },
  },
  check({ model, source, report }) {
    for (const { container, command } of appContainerCommands(model, source)) {
      for (const simple of command.commands) {
        const word = devServer(effectiveWords(simple));
        if (!word) continue;
        report({ messageId: 'devServer', data: { container: container.name ?? '?', word: word.value }, range: word.range });
        break;
      }
    }
  },
});
