import { defineKubernetesRule } from '../../../rule';
import { asMap, nodeAt, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { logShipperOf } from '../../../kubernetes/images';

const LOG_PATH = /^(\/var\/log(\/.*)?|.*\/logs?)\/?$/;

export default defineKubernetesRule({
  meta: {
    id: 'logs/log-file-volume-mount',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'An app container mounts a writable volume at a log directory (`/var/log/…`, `…/logs`), so its logs go to files.',
    rationale: [
      'A twelve-factor app treats logs as an event stream: it writes them unbuffered to stdout and stderr and leaves',
      'routing and storage to the platform. A volume mounted at a log directory is there to keep log files, which the',
      'cluster\'s log pipeline never sees, which fill disks, and which disappear with an emptyDir or pile up on a claim.',
      'It can even undo an image\'s own fix: official nginx images link `/var/log/nginx` to stdout, and a mount hides it.',
      '',
      'Log to stdout/stderr and drop the mount. Read-only mounts, hostPath mounts (node agents reading node logs) and',
      'log collectors are not reported.',
    ].join('\n'),
    messages: {
      mount: 'Container `{{container}}` mounts volume `{{volume}}` at `{{path}}`, so it writes logs to files; write them to stdout instead.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod || object.kind === 'DaemonSet') continue;
      const doc = object.doc;
      const volumes = new Map<string, string[]>();
      for (const item of seqItems(valueOf(pod.node, 'volumes', doc), doc)) {
        const volume = asMap(item, doc);
        const name = scalarString(valueOf(volume, 'name', doc), doc);
        if (name && volume) volumes.set(name, volume.items.map((p) => String((p.key as { value?: unknown })?.value ?? '')));
      }
      for (const container of pod.containers) {
        if (logShipperOf(container.image)) continue;
        for (const item of seqItems(valueOf(container.node, 'volumeMounts', doc), doc)) {
          const mount = asMap(item, doc);
          const pathNode = valueOf(mount, 'mountPath', doc);
          const path = scalarString(pathNode, doc);
          const volume = scalarString(valueOf(mount, 'name', doc), doc) ?? '?';
          if (!path || path.includes('{{') || !LOG_PATH.test(path)) continue;
          if (scalarString(nodeAt(mount, ['readOnly'], doc), doc) === 'true') continue;
          if (volumes.get(volume)?.includes('hostPath')) continue;
          report({ messageId: 'mount', data: { container: container.name ?? '?', volume, path }, range: model.rangeOf(pathNode)! });
        }
      }
    }
  },
});
