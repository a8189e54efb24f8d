import { defineDockerfileRule } from '../../../rule';
import { exposedPorts } from '../../../dockerfile/start-command';

export default defineDockerfileRule({
  meta: {
    id: 'admin-processes/ssh-port-exposed',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'The final image exposes port 22 (SSH).',
    rationale: [
      'Admin work runs as one-off processes of the same release (`docker run … manage.py migrate`, `kubectl exec`,',
      'a Job), not through a login into a running container. A port 22 on the image announces a way in for ad-hoc',
      'changes that no release records, and it is a target for anyone who reaches the network.',
      '',
      'Remove the `EXPOSE 22` (and the SSH server, see `admin-processes/sshd-in-image`); run admin tasks as one-off',
      'processes. Reported even when no SSH server install is visible (it may come with the base image). Images whose',
      'purpose is SSH itself (a bastion, a git server) should say so with a suppression and its reason. Corresponds to',
      'Checkov CKV_DOCKER_1 and kube-linter ssh-port.',
      '',
      'Not reported: ports exposed only in build stages the final image does not inherit from, and `EXPOSE 22/udp`.',
    ].join('\n'),
    messages: {
      ssh: 'The image exposes port 22; administer through one-off processes of the release, not an SSH login into the container.',
    },
    anchors: [{ tool: 'Checkov', id: 'CKV_DOCKER_1' }],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    for (const port of exposedPorts(model, stage)) {
      if (port.number === 22 && /^[^/]*$|\/tcp$/i.test(port.port)) report({ messageId: 'ssh', range: port.range });
    }
  },
});
