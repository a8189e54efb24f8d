import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { isHostSoftwarePath, podVolumes } from '../../../kubernetes/pod-parts';
import { nodeAt, scalarString } from '../../../kubernetes/yaml-nodes';

/** Host paths that carry no application state: time zone data, devices, kernel interfaces. */
const NOT_STATE = /^\/(etc\/localtime|etc\/timezone|usr\/share\/zoneinfo|dev|proc|sys)(\/|$)/;

export default defineKubernetesRule({
  meta: {
    id: 'processes/host-path-volume',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'An application pod keeps files on its node through a `hostPath` volume.',
    rationale: [
      'Processes are stateless and share nothing; whatever must outlive a request goes to a backing service.',
      'A `hostPath` volume stores files on whichever node the pod happens to run on: after a reschedule the pod finds',
      'another node\'s directory (or an empty one), replicas on different nodes see different data, and the node can no',
      'longer be drained or replaced freely.',
      '',
      'Keep state in a database, object store or a PersistentVolumeClaim. Node agents (a DaemonSet reading `/var/log`,',
      '`/proc` or the container runtime socket) are different and are not reported, nor are time zone files and devices.',
    ].join('\n'),
    messages: {
      hostPath: 'Volume `{{volume}}` keeps files in `{{path}}` on the node; state tied to one node breaks when the pod moves. Use a backing service or a PersistentVolumeClaim.',
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || object.kind === 'DaemonSet') continue;
      for (const volume of podVolumes(object).values()) {
        if (volume.sourceKind !== 'hostPath') continue;
        const pathNode = nodeAt(volume.node, ['hostPath', 'path'], object.doc);
        const path = scalarString(pathNode, object.doc);
        const range = model.rangeOf(pathNode);
        // Software directories are reported by dependencies/host-software-mount.
        if (!path || !range || isTemplated(path) || NOT_STATE.test(path) || isHostSoftwarePath(path)) continue;
        report({ messageId: 'hostPath', data: { volume: volume.name, path }, range });
      }
    }
  },
});
