import { defineDockerfileRule } from '../../../rule';
import { addressOptions, baseImageOf, isDevelopmentImage, programWords, serverKind, startInfo } from '../../../dockerfile/start-command';
import { jvmBuildFiles, readEntrypointScript, scriptMainCommand, startPackageJson, type BuildContext } from '../../../build-context';
import { packageMayServe, packageScriptRun, packageServesNothing, scriptText } from '../../../dockerfile/package-scripts';
import { unconditionalCommands } from '../../../dockerfile/script-lines';
import { jvmServing } from '../../../dockerfile/jvm-build';
import type { DockerfileModel } from '../../../dockerfile/model';

/**
 * True when the build context shows that the jar the image runs serves nothing: every Gradle or Maven build file of
 * the stages that build it was read, and each lists its dependencies itself with no web framework or embedded server.
 */
function jarServesNothing(model: DockerfileModel, buildContext: BuildContext | undefined): boolean {
  const paths = jvmBuildFiles(model);
  if (paths.length === 0) return false;
  let read = 0;
  for (const path of paths) {
    const file = buildContext?.files?.[path];
    if (file === undefined) return false;
    // `build.gradle.kts` and `build.gradle` are both asked for; the one that exists decides.
    if (file === null) continue;
    if (jvmServing(path.slice(path.lastIndexOf('/') + 1), file.text) !== 'none') return false;
    read++;
  }
  return read > 0;
}

export default defineDockerfileRule({
  meta: {
    id: 'port-binding/server-without-expose',
    factor: 'port-binding',
    defaultSeverity: 'hint',
    description: 'The image starts a server (gunicorn, uvicorn, `node server.js`, `java -jar` …) but declares no `EXPOSE`.',
    rationale: [
      'A twelve-factor app is self-contained and exports its service by binding a port; that port is part of the',
      'contract between the image and whoever runs it. `EXPOSE` is where an image states that contract: tools, `docker',
      'run -P`, Compose and readers of the Dockerfile rely on it to know where the service listens.',
      '',
      'Add `EXPOSE <port>` for the port the server binds (ideally the one it reads from `PORT`). EXPOSE publishes',
      'nothing by itself; it documents the port binding. An entrypoint script that ends by starting the server',
      '(`exec gunicorn -b :5000 main:app`) is read when the build context holds it.',
      '',
      'Not reported: a server that binds the port the platform hands it in `$PORT` (`--port $PORT`, `-Dserver.port=${PORT}`,',
      '`--bind :$PORT`), since then no fixed port exists to declare; `dotnet app.dll` on a .NET runtime image without',
      'ASP.NET Core (`mcr.microsoft.com/dotnet/runtime`), which can only be a console app; and `java -jar` of a jar built',
      'in a stage of the Dockerfile whose Gradle or Maven build file the linter read and found to list its own',
      'dependencies with no web framework or embedded server (a Kafka consumer; gRPC\'s transports alone do not count, as',
      'clients need them too); an `index.js` or `main.js` in a folder named for a worker, a job or a GitHub Action',
      '(`action-dist/index.js`, a bundle that handles one event and exits); `npm start` or `node index.js` of a package',
      'whose package.json (read from the build context) depends on a chat bot\'s, queue consumer\'s or scheduler\'s',
      'library (Telegraf, discord.js, KafkaJS, BullMQ…) and on nothing that serves or may (a web framework, a WebSocket',
      'or gRPC server, a webhook receiver), or whose package.json the linter cannot read (`npm start` of an unknown',
      'package is a worker as often as a server), or whose `start` script runs Node on a file that names no server',
      '(`node out/process.js`: judged as that command in CMD would be) and that depends on no web framework or server;',
      '`pm2-runtime` given an ecosystem file, which is not read; and a',
      'development image (`Dockerfile.local`, `dev.Dockerfile`, a last stage `AS dev`), which the Compose file that runs',
      'it publishes ports for, as the rules about release images leave it alone. This is',
      'hygiene rather than a broken contract, so',
      'it is a hint.',
    ].join('\n'),
    messages: {
      noExpose: '`{{server}}` serves on a port but the image declares no EXPOSE; add `EXPOSE {{port}}`.',
      inScript: '`{{script}}` starts `{{server}}`, which serves on a port, but the image declares no EXPOSE; add `EXPOSE {{port}}`.',
    },
  },
  check({ model, source, report, buildContext }) {
    const info = startInfo(model);
    const main = info?.main;
    if (!info || !main) return;
    // A development image (`Dockerfile.local`, a last stage `AS dev`) is run by a Compose file that publishes its ports.
    if (isDevelopmentImage(model, source.uri)) return;
    const base = baseImageOf(info.stage);
    let server = serverKind(main, base);
    let started: Pick<typeof main, 'program' | 'words'> = main;
    // An entrypoint script that ends by starting the server (`exec gunicorn -b :5000 main:app`, JudgeTasker's boot.sh).
    const script = server ? undefined : readEntrypointScript(model, buildContext);
    const last = script && scriptMainCommand(script);
    if (last) {
      server = serverKind(last, base);
      started = last;
    }
    if (!server) return;
    if (server === 'java -jar' && jarServesNothing(model, buildContext)) return;
    // `npm start`, `node index.js` of a package whose dependencies are a bot's or a queue consumer's (Telegraf polling Telegram).
    if (!script && /^(npm|yarn|pnpm|bun|node|pm2-runtime)$/.test(main.program)) {
      const packageJson = buildContext?.files?.[startPackageJson(model) ?? ''];
      if (packageJson && packageServesNothing(packageJson.text)) return;
      // `npm start` whose script runs a file that names no server (`node out/process.js`, alphagov's S3-to-SQS job):
      // judged as that command would be in CMD.
      if (packageJson && startsNoServer(main.words.map((w) => w.value), packageJson)) return;
      // A package manager's start whose package.json is not known (the context is elsewhere): a worker as often as a
      // server (Weave12's BullMQ consumer), so nothing says it serves.
      if (!packageJson && /^(npm|yarn|pnpm|bun)$/.test(main.program)) return;
    }
    if (model.inheritedInstructions(info.stage, 'EXPOSE').length > 0) return;
    // The platform chooses the port (`--port $PORT`): there is no fixed number to declare.
    if (started.words.some((w) => /\$\{?PORT\b/.test(w.value))) return;
    const port = addressOptions(started).find((o) => o.port && /^\d+$/.test(o.port.text))?.port?.text ?? model.envOf(info.stage).get('PORT')?.value;
    const data = { server, port: port && /^\d+$/.test(port) ? port : '<port>', script: script?.script.contextPath ?? '' };
    report({ messageId: script ? 'inScript' : 'noExpose', data, range: main.words[0].range });
  },
});

/**
 * True when `words` run a package script (`npm start`, `yarn run start:prod`) whose last command runs Node (or Bun or
 * Deno) on a file that names no server (the same command in CMD would not count as one: serverKind), of a package that
 * depends on nothing that serves or may (a `node --loader ts-node/esm src/index.ts` of a Fastify app still serves).
 */
function startsNoServer(words: readonly string[], packageJson: { uri: string; text: string }): boolean {
  if (packageMayServe(packageJson.text)) return false;
  const run = packageScriptRun(words);
  const text = run && scriptText(packageJson.text, run.script);
  const last = text === undefined ? undefined : unconditionalCommands(packageJson.uri, text).at(-1);
  if (!last) return false;
  const command = programWords(last);
  return /^(node|bun|deno)$/.test(command.program) && serverKind(command) === undefined;
}
