import { defineDockerfileRule } from '../../../rule';
import { isServiceImage, serviceStartOf } from '../../../dockerfile/backing-services';
import { runtimeInstructions, spanOf, startCommands } from '../../../dockerfile/instructions';

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
    ].join('\n'),
    messages: {
      atStart: 'The start command also starts {{service}}; run {{service}} as its own service and attach it through config.',
      atBuild: 'This RUN starts {{service}} inside the runtime image, baking its state into a layer; use a separate service (and a migration job) instead.',
    },
  },
  check({ model, report }) {
    if (isServiceImage(model)) return;
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
