import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { datastoreOfContainer } from '../../../kubernetes/backing-services';
import { isLongRunning, podVolumes, volumeMounts } from '../../../kubernetes/pod-parts';
import type { Container } from '../../../kubernetes/model';
import { wordsOf } from '../../../mask';

/** Mount paths that announce durable data: `/data`, `/app/uploads`, `/var/lib/app`, `/srv/media`, sessions. */
const DATA_PATH = /(^|\/)(data|uploads?|media|sessions?|storage|db|database|attachments|user-?content|userdata)(\/|$)|^\/var\/lib\/[^/]+/i;
/** Paths that are scratch space by name. */
const SCRATCH_PATH = /(^|\/)(cache|caches|\.cache|tmp|temp|run|log|logs|lock|locks|scratch|spool|buffer|nginx)(\/|$)/i;

const DATA_WORDS = new Set(['data', 'storage', 'upload', 'uploads', 'media', 'db', 'database']);
const FOLDER_WORDS = new Set(['dir', 'directory', 'path', 'root', 'folder', 'home']);

/** `path` without the slashes it ends with (a loop: a regex for it is quadratic on a run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

/**
 * The folders the container's own settings name as where its data lives: the literal values of variables such as
 * `TIMETAGGER_DATADIR`, `DATA_DIR`, `STORAGE_PATH`, `UPLOAD_ROOT` (timetagger keeps its SQLite files in
 * `/tmp/timedata` so). A path named so is data whatever its name says.
 */
function dataFolders(container: Container): string[] {
  const out: string[] = [];
  for (const entry of container.env) {
    if (!entry.value || !entry.value.startsWith('/')) continue;
    const words = wordsOf(entry.name);
    const last = words[words.length - 1];
    const named = last === 'datadir' || (FOLDER_WORDS.has(last) && DATA_WORDS.has(words[words.length - 2] ?? ''));
    if (named) out.push(withoutTrailingSlashes(entry.value));
  }
  return out;
}

export default defineKubernetesRule({
  meta: {
    id: 'processes/emptydir-for-data',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'An `emptyDir` volume is mounted at a data-like path (`/data`, `/uploads`, `/var/lib/…`) of an application container.',
    rationale: [
      'A process may use its filesystem as a brief, single-request scratch pad, never as the place where data lives.',
      'An `emptyDir` is deleted with its pod: files uploaded to `/app/uploads` or sessions written to `/data` disappear at',
      'the next deploy, eviction or scale-down, and every replica sees only its own files, so users get different answers',
      'depending on which pod serves them.',
      '',
      'Store uploads in an object store, sessions in Redis or a database, and durable files in a backing service. Mount',
      'paths that are scratch space by name (`/tmp`, `/cache`, `/var/run`) are not reported, unless the container\'s own',
      'settings name the path as its data folder (`TIMETAGGER_DATADIR=/tmp/timedata`, `DATA_DIR`, `STORAGE_PATH`).',
    ].join('\n'),
    messages: {
      emptyDir: 'Container `{{name}}` keeps `{{path}}` in emptyDir volume `{{volume}}`, which is deleted with the pod; store this data in a backing service.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod || !isLongRunning(object) || object.kind === 'DaemonSet') continue;
      const volumes = podVolumes(object);
      for (const container of pod.containers) {
        // A datastore on an emptyDir is reported by backing-services/datastore-without-persistent-storage.
        if (datastoreOfContainer(container)) continue;
        let folders: string[] | undefined;
        for (const mount of volumeMounts(model, container, object.doc)) {
          const path = mount.mountPath;
          if (!path || !mount.mountPathRange || isTemplated(path)) continue;
          if (volumes.get(mount.name)?.sourceKind !== 'emptyDir') continue;
          const clean = withoutTrailingSlashes(path);
          const named = (folders ??= dataFolders(container)).some((folder) => folder === clean || folder.startsWith(`${clean}/`));
          if (!named && (!DATA_PATH.test(path) || SCRATCH_PATH.test(path))) continue;
          report({ messageId: 'emptyDir', data: { name: container.name ?? '?', path, volume: mount.name }, range: mount.mountPathRange });
        }
      }
    }
  },
});
