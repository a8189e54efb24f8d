import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { runtimeInstructions } from '../../../dockerfile/instructions';
import { hardCodedLocator } from '../../../dockerfile/literal-values';
import { isServiceImage } from '../../../dockerfile/backing-services';

export default defineDockerfileRule({
  meta: {
    id: 'backing-services/hard-coded-locator',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'The runtime image fixes where a backing service lives (`DATABASE_URL=postgres://…`, `REDIS_HOST=127.0.0.1`).',
    rationale: [
      'A database, cache, broker or mail server is an attached resource: swapping the local Postgres for a managed one, or',
      'pointing staging at its own Redis, should be a change of config, never of the image. An `ENV` that spells out the',
      "service's URL, JDBC string, connection string, IP address, `localhost` or a fully qualified host name welds that",
      'one resource into the artefact (and `localhost` inside a container is the container itself).',
      '',
      'Leave these variables unset in the image and provide them per deploy. A bare service name such as `DB_HOST=db`',
      'is resolved by the platform (Compose, Kubernetes Service DNS) and is not reported. Credentials in URLs are masked',
      'in messages; `config/literal-secret-env` reports them as secrets.',
    ].join('\n'),
    messages: {
      url: '`{{name}}` hard-codes the backing service `{{value}}` into the image; attach the resource through config set per deploy.',
      host: '`{{name}}={{value}}` pins a backing service to one address ({{why}}); provide it per deploy.',
    },
  },
  check({ model, report }) {
    if (isServiceImage(model)) return;
    for (const instruction of runtimeInstructions(model)) {
      if (instruction.getKeyword() !== 'ENV') continue;
      for (const variable of propertiesOf(instruction)) {
        const locator = hardCodedLocator(variable.name, variable.value);
        if (!locator) continue;
        if (locator.kind === 'host') {
          const why = /localhost|^127\.|::1/.test(locator.display) ? 'localhost inside a container is the container itself' : 'a fixed address';
          report({ messageId: 'host', data: { name: variable.name, value: locator.display, why }, range: variable.valueRange });
        } else {
          report({ messageId: 'url', data: { name: variable.name, value: locator.display }, range: variable.valueRange });
        }
      }
    }
  },
});
