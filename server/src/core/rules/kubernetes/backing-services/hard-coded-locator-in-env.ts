import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { BACKING_SCHEMES, LOCATOR_NAME, isIpLiteral, isLoopbackHost, parseLocator } from '../../../kubernetes/backing-services';
import { isFragment, runningContainers } from '../../../kubernetes/pod-parts';
import { locatesBackingService, nameWords } from '../../../locators';

export default defineKubernetesRule({
  meta: {
    id: 'backing-services/hard-coded-locator-in-env',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'An env variable locates a database, cache or broker by `localhost` (with nothing else in the pod) or by a literal IP address.',
    rationale: [
      'A backing service is an attached resource: the app reaches it through a locator from config, and swapping the',
      'resource (a failover, a managed service, a restored copy) is a change of that locator, not of the app.',
      '`localhost` inside a pod with a single container points at the app container itself, so the service either runs',
      'inside the app container or the value was copied from a laptop. A literal IP pins one machine or pod, bypasses',
      'service discovery and breaks silently when the address moves.',
      '',
      'Point the variable at a DNS name: a Service, a headless Service or an `ExternalName` Service for resources outside',
      'the cluster. `localhost` is fine when a sidecar in the same pod (a Cloud SQL proxy, a connection pooler) listens there.',
      '',
      'A variable counts as a locator by its scheme (`postgres://`, `redis://`, `jdbc:`…), by its name (`DB_HOST`,',
      '`REDIS_URL`, `QDRANT_URL`, `WEAVIATE_ENDPOINT`…), or by a `*_URL`/`*_HOST`/`*_ENDPOINT`/`*_ADDR` name whose',
      'value states a datastore port (`:5432`, `:9200`, `:6333`…).',
      '',
      'Not reported: Service names (`http://qdrant:6333`, `weaviate.weaviate`): binding a backing service by its',
      'Service name in the manifest is how a cluster attaches it, and the manifest is the per-deploy config.',
      'Nor templated values and `$(VAR)` references, values that are not a locator with a host, variables',
      'that neither use a backing-service scheme nor have a locator-like name, `0.0.0.0`, `localhost` when another',
      'container (a sidecar) runs in the pod or the object is a patch fragment, DNS names, and ordinary init',
      'containers.',
    ].join('\n'),
    messages: {
      loopback: '`{{name}}` points the {{what}} at `{{host}}` (`{{value}}`), but no other container runs in this pod; attach the backing service through a Service name.',
      ip: '`{{name}}` addresses the {{what}} by the IP address `{{host}}` (`{{value}}`); use a DNS name (a Service or ExternalName) so the resource can be swapped.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      const running = runningContainers(object);
      // A fragment may leave out the sidecar that makes localhost right.
      const alone = running.length === 1 && !isFragment(object);
      for (const container of running) {
        for (const env of container.env) {
          const value = env.value;
          if (!value || !env.valueRange || isTemplated(value) || /^\$\(/.test(value)) continue;
          const locator = parseLocator(value);
          if (!locator?.host) continue;
          const scheme = locator.scheme?.replace(/^jdbc:/, '');
          const backingScheme = !!locator.scheme && (locator.scheme.startsWith('jdbc:') || BACKING_SCHEMES.test(scheme ?? ''));
          if (!backingScheme && !LOCATOR_NAME.test(nameWords(env.name)) && !locatesBackingService(env.name, value)) continue;
          const what = backingScheme ? `${scheme} service` : 'backing service';
          const shown = value; // credentials are masked by the engine, like every message value
          if (isLoopbackHost(locator.host)) {
            if (alone) report({ messageId: 'loopback', data: { name: env.name, what, host: locator.host, value: shown }, range: env.valueRange });
          } else if (isIpLiteral(locator.host) && locator.host !== '0.0.0.0') {
            report({ messageId: 'ip', data: { name: env.name, what, host: locator.host, value: shown }, range: env.valueRange });
          }
        }
      }
    }
  },
});
