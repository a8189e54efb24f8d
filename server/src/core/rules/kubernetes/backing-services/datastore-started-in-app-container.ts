import { defineKubernetesRule } from '../../../rule';
import { datastoreOfContainer } from '../../../kubernetes/backing-services';
import { findInCommand, isLongRunning, runningContainers } from '../../../kubernetes/pod-parts';

const DAEMONS = 'redis-server|valkey-server|keydb-server|mongod|mysqld|mysqld_safe|mariadbd|memcached|rabbitmq-server|elasticsearch';
const SERVICES = 'postgresql|mysql|mariadb|redis|redis-server|mongod|mongodb|rabbitmq-server|memcached|elasticsearch';
/** A datastore daemon started as a command (not merely named in an argument). */
const START_DATASTORE = new RegExp(
  String.raw`(?=\S)(?<=(?:^|[;&|(\n]|\bexec|\bnohup|\bsudo|\s-c)\s*)(?:(?:[\w./-]*\/)?(?:${DAEMONS})\b|(?:[\w./-]*\/)?pg_ctl(?:cluster)?\b[^;&|\n]*?\bstart\b|(?:[\w./-]*\/)?postgres\s+-D\b|service\s+(?:${SERVICES})\s+start\b|/etc/init\.d/(?:${SERVICES})\s+start\b)`,
);

export default defineKubernetesRule({
  meta: {
    id: 'backing-services/datastore-started-in-app-container',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: "The app container's command starts a database, cache or broker (`redis-server &`, `service postgresql start`) next to the app.",
    rationale: [
      'The app should consume its backing services over the network as attached resources, never own them.',
      'Starting Redis or PostgreSQL inside the app container ties the service to one app process: its data dies with the',
      'container, each replica gets a private copy, and it cannot be replaced by a managed service through config.',
      'The container also stops being one process, so signals and health checks no longer describe the app.',
      '',
      'Run the datastore as its own workload (or use a managed one) and give the app its address as config.',
      '',
      'Not reported: objects that are not long-running workloads, ordinary init containers, containers without an image',
      'or whose image is itself a datastore (that is the service deployed properly), command lines with a template',
      'expression, and datastore names that only appear as an argument rather than as a started command.',
    ].join('\n'),
    messages: {
      start: 'Container `{{name}}` starts `{{command}}` itself; run the backing service as its own workload and attach it by locator.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !isLongRunning(object)) continue;
      for (const container of runningContainers(object)) {
        // The datastore's own image starting its daemon is the service deployed properly.
        if (!container.image || datastoreOfContainer(container)) continue;
        for (const match of findInCommand(model, container, object.doc, START_DATASTORE)) {
          report({ messageId: 'start', data: { name: container.name ?? '?', command: match.text.trim() }, range: match.range });
        }
      }
    }
  },
});
