import { defineDockerfileRule } from '../../../rule';
import { readEntrypointScript } from '../../../build-context';
import { isServiceImage, serviceStartOf } from '../../../dockerfile/backing-services';
import { runtimeInstructions, spanOf, startCommands } from '../../../dockerfile/instructions';
import { isDevelopmentImage } from '../../../dockerfile/start-command';

export default defineDockerfileRule({
  meta: {
    id: 'backing-services/service-started-in-container',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'The application container starts (or builds state in) its own database, cache or broker.',
    rationale: [
      'A backing service started inside the app container (`service postgresql start && node server.js`,',
      '`redis-server --daemonize yes`) is not attached, it is embedded: it dies and restarts with the app, loses its data',
      'with the container, and each replica talks to a private copy. Starting one in a `RUN` of the final stage goes',
      'further and bakes database state into an image layer.',
      '',
      'Run the service as its own container or managed offering and give the app its locator through config. Images whose',
      'only job is the service itself (e.g. `CMD ["redis-server"]`, or FROM an official service image) are not reported.',
      '',
      'When the build context is read, the entrypoint script the image starts is read too: a service it starts on every',
      'start (not in a branch) before the process it keeps running is reported on the word that starts the script, with',
      'the script\'s lines as related locations. A script whose last command is the service itself makes a service image,',
      'and a development image\'s script (`Dockerfile.dev`, a last stage `AS dev`) is not read.',
    ].join('\n'),
    messages: {
      atStart: 'The start command also starts {{service}}; run {{service}} as its own service and attach it through config.',
      atBuild: 'This RUN starts {{service}} inside the runtime image, baking its state into a layer; use a separate service (and a migration job) instead.',
      inScript: '`{{script}}`, which the container starts with, also starts {{service}}; give each backing service its own container or managed offering and attach it through config.',
    },
  },
  check({ model, source, report, buildContext }) {
    if (isServiceImage(model)) return;
    // A development image's script bundling its database is a local convenience (`Dockerfile.dev`), not a deployment.
    const read = isDevelopmentImage(model, source.uri) ? undefined : readEntrypointScript(model, buildContext);
    const commands = read?.reading.commands ?? [];
    // The script's last command is the process the container keeps: a script that ends in the service makes a service image.
    if (read && commands.length > 0 && !serviceStartOf(commands[commands.length - 1])) {
      const starts = commands.slice(0, -1).flatMap((command) => serviceStartOf(command) ?? []);
      const services = [...new Set(starts.map((s) => s.service))];
      if (starts.length > 0) {
        report({
          messageId: 'inScript',
          data: { script: read.script.contextPath, service: services.join(' and ') },
          range: read.script.range,
          related: starts.slice(0, 5).map((s) => ({ uri: read.file.uri, range: spanOf(s.first, s.last), message: `${s.service} is started here.` })),
        });
      }
    }
    for (const { commands } of startCommands(model)) {
      for (const command of commands) {
        const start = serviceStartOf(command);
        if (start) report({ messageId: 'atStart', data: { service: start.service }, range: spanOf(start.first, start.last) });
      }
    }
    for (const instruction of runtimeInstructions(model)) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of model.commandLine(instruction)?.commands ?? []) {
        const start = serviceStartOf(command);
        if (start) report({ messageId: 'atBuild', data: { service: start.service }, range: spanOf(start.first, start.last) });
      }
    }
  },
});
