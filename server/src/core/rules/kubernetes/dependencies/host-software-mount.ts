import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { isHostSoftwarePath, podVolumes } from '../../../kubernetes/pod-parts';
import { nodeAt, scalarString } from '../../../kubernetes/yaml-nodes';

export default defineKubernetesRule({
  meta: {
    id: 'dependencies/host-software-mount',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'An application pod mounts programs or libraries from the node (`hostPath` under `/usr/bin`, `/usr/lib`, `/opt`…).',
    rationale: [
      'An app declares all of its dependencies and never relies on tools that happen to be installed on the machine.',
      'Mounting `/usr/bin`, `/usr/lib` or `/opt` from the node makes the pod depend on whatever software and versions',
      'that particular node carries, so it behaves differently (or fails) after a node upgrade or on another node pool.',
      '',
      'Install the tool or library into the image. Node agents that manage the node itself run as a DaemonSet and',
      'are not reported.',
    ].join('\n'),
    messages: {
      mount: 'Volume `{{volume}}` mounts `{{path}}` from the node: the pod depends on software installed on the host instead of in its image.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || object.kind === 'DaemonSet') continue;
      for (const volume of podVolumes(object).values()) {
        if (volume.sourceKind !== 'hostPath') continue;
        const pathNode = nodeAt(volume.node, ['hostPath', 'path'], object.doc);
        const path = scalarString(pathNode, object.doc);
        const range = model.rangeOf(pathNode);
        if (!path || !range || isTemplated(path) || !isHostSoftwarePath(path)) continue;
        report({ messageId: 'mount', data: { volume: volume.name, path }, range });
      }
    }
  },
});
