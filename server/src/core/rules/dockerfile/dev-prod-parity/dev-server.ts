import { defineDockerfileRule, type DockerfileRuleContext } from '../../../rule';
import { isDevelopmentImage, spanOf, startInfo, type StartInfo } from '../../../dockerfile/start-command';
import { packageScriptRun, scriptCommands, scriptRange } from '../../../dockerfile/package-scripts';
import { readEntrypointScript, scriptMainCommand, startPackageJson, startPythonScript } from '../../../build-context';
import { flaskDevServerRun, pythonScriptWord, type FlaskRun } from '../../../dockerfile/python-scripts';
import type { ShellWord } from '../../../dockerfile/shell';
import type { ContextFile } from '../../../build-context';
import { devServerSpan, isKeycloakStartDev } from '../../../dev-servers';
import type { DockerfileModel } from '../../../dockerfile/model';
import { rootImage } from '../../../dockerfile/instructions';

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
      '`--reload`) and keep the dev server for a development target or a `Dockerfile.dev` (such files are not reported, nor',
      'is a last stage named as a development target, `AS dev` or `AS debug`, after the stages a release is built from).',
      '',
      'A package script the image starts (`npm start`, `yarn serve`) is read from the package.json the build context',
      'puts in the working directory, when the linter can read it: `react-scripts start`, `vue-cli-service serve` or',
      '`nodemon` behind `npm start` is reported on the start command. So is a Python script started with `python app.py`',
      'whose code serves its Flask app with `app.run()`, Flask\'s own development server (Flask\'s documentation: not for',
      'production); with `debug=True` its interactive debugger lets anyone who reaches the port run code. Keycloak\'s',
      '`start-dev`, handed to the `kc.sh` entry point of its image, is its development mode (plain HTTP, an in-memory',
      'database, caches off): production images run `start` (`--optimized` after a `kc.sh build`). The command an',
      'entrypoint script of the build context ends with (`exec gunicorn --reload app:app` in `boot.sh`) is judged too, when',
      'the linter can read the script; the finding is on the Dockerfile\'s start of the script.',
    ].join('\n'),
    messages: {
      devServer: '`{{command}}` is a development server; start the production server in the final stage.',
      viaScript: '`{{command}}` runs `{{script}}` (package.json), a development server; start the production server in the final stage.',
      flaskRun: '`{{command}}` serves the app with Flask\'s development server (`{{call}}` in {{script}}); serve it with a production server such as gunicorn or waitress.',
      flaskDebug: '`{{command}}` serves the app with Flask\'s development server and its debugger (`{{call}}` with debug=True in {{script}}), which runs code sent by anyone who reaches the port; serve it with gunicorn or waitress, without debug.',
      inScript: 'The entrypoint script {{script}} ends by starting `{{command}}`, a development server; start the production server in the final stage.',
    },
  },
  check({ model, source, report, buildContext }) {
    if (isDevelopmentImage(model, source.uri)) return;
    const info = startInfo(model);
    if (!info) return;
    let reported = false;
    for (const command of info.commands) {
      const values = command.words.map((w) => w.value);
      // `CMD ["start-dev"]` handed to the `kc.sh` of Keycloak's image (its entry point, inherited or written again).
      const keycloak = command === info.main && isKeycloakStartDev(keycloakImageOf(model, info), values);
      const found = devServerSpan(values, command.program) ?? (keycloak ? ([0, 0] as [number, number]) : undefined);
      if (found) {
        const [from, to] = found;
        // A flag that makes a server a development one (`--reload`, `--watch`) is named with its program.
        const shown = from === 0 ? values.slice(0, to + 1).join(' ') : `${command.program} … ${values.slice(from, to + 1).join(' ')}`;
        report({ messageId: 'devServer', data: { command: shown }, range: spanOf(command.words[from], command.words[to]) });
        reported = true;
        continue;
      }
      // `python app.py` whose code ends in `app.run()`: Flask's development server, when the build context shows the script.
      if (command === info.main) {
        const script = pythonScriptWord(command.words);
        const path = script && startPythonScript(model);
        const file = path !== undefined ? buildContext?.files?.[path] : undefined;
        const flask = file ? flaskDevServerRun(file.text) : undefined;
        if (script && path !== undefined && file && flask) {
          reportFlask(report, command.words[0], script, values.slice(0, values.indexOf(script.value) + 1).join(' '), path, file, flask);
          reported = true;
          continue;
        }
      }
      // `npm start` whose script is `react-scripts start`: what the script runs, when the build context shows it.
      const run = packageScriptRun(values);
      const packageJson = run && buildContext?.files?.[startPackageJson(model) ?? ''];
      if (!run || !packageJson) continue;
      for (const words of scriptCommands(packageJson.text, run.script) ?? []) {
        const span = devServerSpan(words, (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1).toLowerCase());
        if (!span) continue;
        report({
          messageId: 'viaScript',
          data: { command: values.slice(0, run.at + 1).join(' '), script: words.slice(0, span[1] + 1).join(' ') },
          range: spanOf(command.words[0], command.words[run.at]),
          related: [{ uri: packageJson.uri, range: scriptRange(packageJson.text, run.script), message: `The \`${run.script}\` script of package.json.` }],
        });
        reported = true;
        break;
      }
    }
    // The server an entrypoint script ends with (microblog-instagram's boot.sh: `exec gunicorn --reload main:app`),
    // when the caller read the script: reported on the Dockerfile's start of the script.
    const read = reported ? undefined : readEntrypointScript(model, buildContext);
    const main = read && scriptMainCommand(read);
    const words = main ? main.words.map((w) => w.value) : [];
    const span = main && devServerSpan(words, main.program);
    if (read && main && span) {
      report({
        messageId: 'inScript',
        data: { script: read.script.contextPath, command: words.slice(0, span[1] + 1).join(' ') },
        range: read.script.range,
        related: [{ uri: read.file.uri, range: spanOf(main.words[span[0]], main.words[span[1]]), message: 'Where the script starts the development server.' }],
      });
    }
  },
});

function reportFlask(report: DockerfileRuleContext['report'], first: ShellWord, script: ShellWord, command: string, path: string, file: ContextFile, flask: FlaskRun): void {
  const at = { line: flask.line, character: flask.character };
  report({
    messageId: flask.debug ? 'flaskDebug' : 'flaskRun',
    data: { command, call: flask.call, script: path },
    range: spanOf(first, script),
    related: [{ uri: file.uri, range: { start: at, end: { line: at.line, character: at.character + flask.length } }, message: 'Where the script starts Flask\'s development server.' }],
  });
}

/**
 * The image whose entry point the start command is handed to, as far as Keycloak's goes: the repository the stage is
 * built from (through the stages it is built FROM), or `keycloak` when the ENTRYPOINT is Keycloak's `kc.sh` itself.
 */
function keycloakImageOf(model: DockerfileModel, info: StartInfo): string | undefined {
  const entrypoint = info.entrypoint && model.commandLine(info.entrypoint);
  if (entrypoint?.form === 'exec' && entrypoint.execArgs.length === 1 && /(^|\/)kc\.sh$/.test(entrypoint.execArgs[0].value)) return 'keycloak';
  return rootImage(info.stage)?.name;
}
