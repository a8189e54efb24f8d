import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { runtimeInstructions } from '../../../dockerfile/instructions';
import { hardCodedLocator } from '../../../dockerfile/literal-values';
import { isServiceImage } from '../../../dockerfile/backing-services';

/**
 * The namespace of a Kubernetes Service DNS name (`db.prod`, `db.prod.svc`, `db.prod.svc.cluster.local`): a
 * two-label name counts when its last label is no top-level domain (`api.example.io` is not one).
 */
function clusterNamespaceOf(host: string): string | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const svc = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(h);
  if (svc) return svc[1];
  const two = /^[a-z0-9-]+\.([a-z0-9-]+)$/.exec(h);
  return two && !/^(com|net|org|io|dev|app|ai|cloud|co|info|biz|xyz|tech|local|internal|lan|home|corp|test|example|[a-z]{2})$/.test(two[1]) ? two[1] : undefined;
}

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
      'A variable counts as a locator when its name says so (`DATABASE_URL`, `REDIS_HOST`, `ES_URL`, `QDRANT_URL`,',
      '`WEAVIATE_ENDPOINT`…), when its value uses a datastore scheme (`postgres://`, `redis://`, `jdbc:`…), or when a',
      '`*_URL`/`*_ENDPOINT`/`*_HOST`/`*_ADDR`/`*_URI`/`*_DSN` value states a datastore port (`:5432`, `:6379`, `:9200`,',
      "`:6333`…). A service name with such a port (`ES_URL=http://elasticsearch:9200`, `qdrant:6333`) is reported too: it",
      "fixes the whole address of one deployment's service inside an artefact that every environment shares. Names are",
      'read as words whatever their convention: `EmailServer` and `Smtp__Host` (.NET settings) as `EMAIL_SERVER` and `SMTP_HOST`.',
      '',
      'Leave these variables unset in the image and provide them per deploy. Credentials in URLs are masked in',
      'messages; `config/literal-secret-env` reports them as secrets.',
      '',
      'A Service name qualified by its namespace (`POSTGRES_HOST=pg-rw.pg-ns`) is reported: Kubernetes resolves it, but',
      'only for that one namespace, so the image carries where its database lives.',
      '',
      'Not reported: a bare service name without a port (`DB_HOST=db`, `ELASTICSEARCH_URL=http://search`,',
      '`DATABASE_URL=postgres://db/app`, or a build\'s stub such as `postgresql://dummy:dummy@dummy/dummy`), which the',
      'platform resolves (Compose, Kubernetes Service DNS); bind addresses (`0.0.0.0`); values built from variables;',
      'locators in build stages that do not reach the runtime image; embedded databases and local files (`jdbc:sqlite:`, H2, `file:/data/app.db`, a path); images',
      "that are themselves the service; and public APIs of a provider (`OPENAI_BASE_URL=https://api.openai.com/v1`),",
      'whose address is the same for every deploy and is swapped, if ever, by an ordinary config variable.',
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
          const namespace = clusterNamespaceOf(locator.display);
          const why = locator.service
            ? `a ${locator.service} port on a fixed service name`
            : /localhost|^127\.|::1/.test(locator.display)
              ? 'localhost inside a container is the container itself'
              : namespace
                ? `a Kubernetes Service name fixed to namespace \`${namespace}\``
                : 'the same host in every environment';
          report({ messageId: 'host', data: { name: variable.name, value: locator.display, why }, range: variable.valueRange });
        } else {
          report({ messageId: 'url', data: { name: variable.name, value: locator.display }, range: variable.valueRange });
        }
      }
    }
  },
});
