import { defineKubernetesRule } from '../../../rule';
import { runningContainers } from '../../../kubernetes/pod-parts';
import { valueOf } from '../../../kubernetes/yaml-nodes';

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/ssh-port',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A container declares port 22 (SSH).',
    rationale: [
      'Admin tasks run as one-off processes of the same release (`kubectl exec`, a Job from the app\'s image), not',
      'through an SSH login into a running pod. A declared port 22 is a way in for ad-hoc changes no release records.',
      '',
      'Remove the port (and the SSH server, see `admin-processes/sshd-in-pod`). Reported even when no SSH server is',
      'visible in the command (it may be the image\'s default). A pod whose purpose is SSH (a bastion, a git server)',
      'should carry a suppression with its reason. Corresponds to kube-linter ssh-port.',
      '',
      'Not reported: ordinary init containers, which run to completion before the app (native sidecars with',
      '`restartPolicy: Always` are checked), and ports other than container port 22.',
    ].join('\n'),
    messages: {
      ssh: 'Container `{{container}}` declares port 22; run admin tasks as one-off processes of the release, not over SSH.',
    },
    anchors: [{ tool: 'kube-linter', id: 'ssh-port' }],
  },
  check({ model, report }) {
    for (const object of model.objects) {
      for (const container of runningContainers(object)) {
        for (const port of container.ports) {
          if (port.containerPort !== 22) continue;
          report({ messageId: 'ssh', data: { container: container.name ?? '?' }, range: model.rangeOf(valueOf(port.node, 'containerPort', object.doc)) ?? port.range });
        }
      }
    }
  },
});
