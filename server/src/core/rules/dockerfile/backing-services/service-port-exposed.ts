import { defineDockerfileRule } from '../../../rule';
import { SERVICE_PORTS, isServiceImage } from '../../../dockerfile/backing-services';
import { runtimeInstructions } from '../../../dockerfile/instructions';

export default defineDockerfileRule({
  meta: {
    id: 'backing-services/service-port-exposed',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: "The application image exposes a database, cache or broker port (5432, 3306, 6379, 27017, 5672…).",
    rationale: [
      "An application image should expose the ports of the application. Exposing a backing service's well-known port",
      '(PostgreSQL 5432, MySQL 3306, Redis 6379, MongoDB 27017, RabbitMQ 5672…) means the service runs inside the app',
      'container, or that the image is set up to be reached as if it were that service; either way the resource is not',
      'attached through config.',
      '',
      'Run the service separately and expose only the ports your own process binds. Images that are the service',
      '(built FROM an official service image, or starting only the service) are not reported.',
    ].join('\n'),
    messages: {
      exposed: 'Port {{port}} is the {{service}} port; an app image should not serve {{service}}: run it as a separate, attached service.',
    },
  },
  check({ model, report }) {
    if (isServiceImage(model)) return;
    for (const instruction of runtimeInstructions(model)) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        // Single ports only: a range says little about which service is meant.
        const m = /^(\d+)(\/(tcp|udp))?$/i.exec(arg.getValue());
        if (!m) continue;
        const port = Number(m[1]);
        if (SERVICE_PORTS[port] !== undefined) report({ messageId: 'exposed', data: { port, service: SERVICE_PORTS[port] }, range: arg.getRange() });
      }
    }
  },
});
