import { defineKubernetesRule } from '../../../rule';
import { dataDirectoryOf, datastoreServedBy } from '../../../kubernetes/backing-services';
import { containerCommand } from '../../../kubernetes/commands';
import { claimTemplateNames, isFragment, isLongRunning, podVolumes, runningContainers, volumeMounts } from '../../../kubernetes/pod-parts';

/** Volume sources whose content is gone with the pod. */
const EPHEMERAL_SOURCES = new Set(['emptyDir', 'configMap', 'secret', 'downwardAPI', 'projected', 'ephemeral', 'image']);

/**
 * Whether a volume mounted at `mountPath` holds `directory`: at it or above it; for PostgreSQL anywhere under
 * /var/lib/postgresql (from version 18 the image keeps its data in /var/lib/postgresql/<major>/docker).
 */
function holds(mountPath: string, directory: string, store: string): boolean {
  // Trailing slashes cut by a loop: `/\/+$/` is quadratic on a long run of them.
  let end = mountPath.length;
  while (end > 1 && mountPath.charCodeAt(end - 1) === 47) end--;
  const path = mountPath.slice(0, end);
  if (path === '/' || directory === path || directory.startsWith(`${path}/`)) return true;
  return store === 'PostgreSQL' && (path === '/var/lib/postgresql' || path.startsWith('/var/lib/postgresql/'));
}

export default defineKubernetesRule({
  meta: {
    id: 'backing-services/datastore-without-persistent-storage',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'A database or broker workload keeps its data only in the container or an emptyDir, so every restart loses it.',
    rationale: [
      'Apps are stateless precisely because their state lives in backing services, and a backing service is only worth',
      'attaching if it keeps that state. A PostgreSQL, MySQL, MongoDB or RabbitMQ container with no persistent volume',
      'writes to its container filesystem (or an `emptyDir`), which is discarded whenever the pod is rescheduled, evicted',
      'or updated.',
      '',
      'Give the datastore a PersistentVolumeClaim (a StatefulSet `volumeClaimTemplate`), or use a managed service. Caches',
      'such as Redis and memcached are allowed to start empty and are not reported, unless the command tells Redis to keep',
      'its data on disk (`--appendonly yes`, a `--save` with snapshot points): it is then used as a store.',
      '',
      "A persistent volume is reported too when it is mounted beside the folder an official image keeps its data in",
      "(`postgres`: `PGDATA`, else /var/lib/postgresql/data, or anywhere under /var/lib/postgresql; `mysql` and `mariadb`:",
      '/var/lib/mysql; `mongo`: /data/db; `rabbitmq`: /var/lib/rabbitmq/mnesia): a claim at /mnt/data keeps nothing. Not when the',
      'command moves the data (`--datadir`, `--dbpath`, `-c data_directory=…`) or the image is another build.',
      '',
      'A datastore is judged by what the container runs, not by its image alone: a `postgres` or `mysql` image whose',
      'command idles (`sleep infinity`, `sleep 3600`, `tail -f /dev/null`) or runs a client (`psql`, `mysqldump`,',
      '`kcat`, `pgbench`) is a client or toolbox pod and is not reported, nor is an Elasticsearch coordinating-only node',
      '(`NODE_DATA=false` and `NODE_MASTER=false`), which keeps no data of its own. An application\'s own build of a',
      'datastore counts when its image name says so and the container declares that datastore\'s port (`rs-mongodb` on',
      '27017, `catalogue-db` on 3306); tools named after one (`mongo-express`, `redis-commander`, exporters, proxies,',
      'migration images) do not.',
    ].join('\n'),
    messages: {
      ephemeral: '{{store}} container `{{name}}` has no persistent volume, so its data is lost whenever the pod is replaced; mount a PersistentVolumeClaim at its data directory.',
      elsewhere: '{{store}} container `{{name}}` keeps its data in `{{directory}}`, but its persistent volume is mounted at `{{path}}`, so the data is lost whenever the pod is replaced; mount it at `{{directory}}`.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !isLongRunning(object) || object.kind === 'DaemonSet' || isFragment(object)) continue;
      const volumes = podVolumes(object);
      const claims = claimTemplateNames(object);
      for (const container of runningContainers(object)) {
        const store = datastoreServedBy(container, containerCommand(source, container, object.doc), container.env);
        if (!store?.persistent) continue;
        const command = containerCommand(source, container, object.doc);
        const persistent = volumeMounts(model, container, object.doc).filter((mount) => {
          if (claims.has(mount.name)) return true;
          const volume = volumes.get(mount.name);
          if (!volume) return true; // unknown source (declared elsewhere): give it the benefit of the doubt
          return !EPHEMERAL_SOURCES.has(volume.sourceKind ?? '');
        });
        if (persistent.length === 0) {
          report({ messageId: 'ephemeral', data: { store: store.name, name: container.name ?? '?' }, range: container.anchorRange });
          continue;
        }
        // A persistent volume beside the folder the image keeps its data in (k8sapp's Postgres claim at /mnt/data).
        const directory = dataDirectoryOf(container, command);
        const paths = persistent.map((m) => m.mountPath);
        if (directory === undefined || paths.some((p) => p === undefined || holds(p, directory, store.name))) continue;
        const mount = persistent[0];
        report({ messageId: 'elsewhere', data: { store: store.name, name: container.name ?? '?', directory, path: mount.mountPath ?? '' }, range: mount.mountPathRange ?? container.anchorRange });
      }
    }
  },
});
