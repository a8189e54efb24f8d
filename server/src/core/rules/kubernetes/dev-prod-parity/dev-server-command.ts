import { defineKubernetesRule } from '../../../rule';
import { appContainerCommands, basename, runnerStripped, type ShellWord } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';
import { devServerSpan, isKeycloakStartDev } from '../../../dev-servers';

/** The words to report (`next dev`, `--reload`) when the words start a development server (as dev-servers.ts knows them). */
function devServer(words: ShellWord[]): ShellWord[] | undefined {
  // Runners dropped: `npx nodemon`, `poetry run`, `python -m flask run`.
  const v = runnerStripped(words.map((w) => w.value));
  const offset = words.length - v.length;
  const span = devServerSpan(v, basename(v[0] ?? '').toLowerCase());
  return span ? words.slice(offset + span[0], offset + span[1] + 1) : undefined;
}

export default defineKubernetesRule({
  meta: {
    id: 'dev-prod-parity/dev-server-command',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A container runs a development server or file watcher (nodemon, `npm run dev`, `manage.py runserver`, `--reload`, Keycloak\'s `start-dev` …).',
    rationale: [
      'Dev/prod parity keeps the gap between what developers run and what production runs small. A development server',
      'in a manifest widens it in the worst direction: it is single-threaded or unoptimised, restarts on file changes,',
      'often prints debug pages, and behaves unlike the server production is tested with.',
      '',
      'Run the production server in every cluster (node, gunicorn/uvicorn without `--reload`, uWSGI without `--py-autoreload`, `next start`), and keep',
      'hot reload for local tooling such as Skaffold or Tilt dev profiles.',
      '',
      "Not reported: init containers, commands with a template expression, development servers started by the image's",
      'own default command rather than the manifest, `npm start` and other scripts not named like a dev script, and',
      '`rails server` unless it is told `-e development`. Each container is reported at most once. Keycloak\'s image is the',
      'exception to the default command: its entry point, `kc.sh`, runs what `args` say, so `args: [start-dev]` on it is',
      'reported (development mode: plain HTTP, an in-memory database, caches off; Keycloak says not for production).',
    ].join('\n'),
    messages: {
      devServer: 'Container `{{container}}` starts a development server (`{{word}}`); run the production server so every environment runs the same thing.',
    },
  },
  check({ model, source, report }) {
    for (const { container, command } of appContainerCommands(model, source)) {
      // Keycloak's image with `args: [start-dev]`: its entry point, kc.sh, starts the development mode.
      if (container.command.length === 0 && isKeycloakStartDev(container.image, container.args)) {
        const word = command.argv[0];
        report({ messageId: 'devServer', data: { container: container.name ?? '?', word: word.value }, range: word.range });
        continue;
      }
      for (const simple of command.commands) {
        const found = devServer(effectiveWords(simple));
        if (!found) continue;
        const [first, last] = [found[0], found[found.length - 1]];
        report({ messageId: 'devServer', data: { container: container.name ?? '?', word: found.map((w) => w.value).join(' ') }, range: { start: first.range.start, end: last.range.end } });
        break;
      }
    }
  },
});
