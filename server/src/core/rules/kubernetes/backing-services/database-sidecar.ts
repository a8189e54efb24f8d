import { defineKubernetesRule } from '../../../rule';
import { datastoreOfImage, isAuxiliaryImage } from '../../../kubernetes/backing-services';
import { isLongRunning, runningContainers } from '../../../kubernetes/pod-parts';

export default defineKubernetesRule({
  meta: {
    id: 'backing-services/database-sidecar',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'A database, cache or broker runs as a sidecar container inside an application pod.',
    rationale: [
      'Backing services are attached resources with a life of their own; the app only holds a locator to them.',
      'A PostgreSQL or Redis container inside the app pod is born and dies with every app pod: each replica gets its',
      'own private copy, data vanishes on reschedule, scaling the app scales the database, and the service cannot be',
      'swapped for a managed one without rewriting the workload.',
      '',
      'Run the datastore as its own workload (a StatefulSet behind a Service, an operator, or a managed service) and pass',
      'its address to the app as config. A pod whose only main container is the datastore (with exporters or proxies',
      'beside it) is that separate workload and is not reported.',
    ].join('\n'),
    messages: {
      sidecar: '{{store}} (`{{image}}`) runs inside the pod of `{{app}}`; deploy it as its own workload behind a Service and attach it by locator.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !isLongRunning(object)) continue;
      const running = runningContainers(object);
      const apps = running.filter((c) => c.image && !datastoreOfImage(c.image) && !isAuxiliaryImage(c.image));
      if (apps.length === 0) continue;
      for (const container of running) {
        const store = datastoreOfImage(container.image);
        if (!store || !container.imageRange) continue;
        report({ messageId: 'sidecar', data: { store: store.name, image: container.image!, app: apps[0].name ?? '?' }, range: container.imageRange });
      }
    }
  },
});
