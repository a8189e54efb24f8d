import { defineDockerfileRule } from '../../../rule';
import { exposedPorts } from '../../../dockerfile/start-command';
import { sshServesImagePurpose } from '../../../dockerfile/ssh-purpose';

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
      'processes. Reported even when no SSH server install is visible (it may come with the base image). Corresponds to',
      'Checkov CKV_DOCKER_1 and kube-linter ssh-port.',
      '',
      'Not reported: ports exposed only in build stages the final image does not inherit from, `EXPOSE 22/udp`, and',
      'images whose purpose SSH is, judged as `admin-processes/sshd-in-image` judges them: SSH and SFTP server base',
      'images, images that run only sshd, MPI images, Git servers that create a `git` account, and development images',
      '(a `Dockerfile.dev`, a last stage named `debug` or `dev`). Another SSH-serving image (a bastion) says so with a',
      'suppression and its reason.',
    ].join('\n'),
    messages: {
      ssh: 'The image exposes port 22; administer through one-off processes of the release, not an SSH login into the container.',
    },
    anchors: [{ tool: 'Checkov', id: 'CKV_DOCKER_1' }],
  },
  check({ model, source, report, buildContext }) {
    const stage = model.finalStage;
    // Port 22 of an SSH, SFTP, MPI or Git server image is its users' (the same judgement as sshd-in-image's).
    if (!stage || sshServesImagePurpose(model, source.uri, buildContext)) return;
    for (const port of exposedPorts(model, stage)) {
      if (port.number === 22 && /^[^/]*$|\/tcp$/i.test(port.port)) report({ messageId: 'ssh', range: port.range });
    }
  },
});
