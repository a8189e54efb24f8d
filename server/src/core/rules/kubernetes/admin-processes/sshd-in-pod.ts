import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { parseImageReference } from '../../../kubernetes/images';
import { basename, containerCommand } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

const SSH_IMAGE = /^(sshd|openssh-server|openssh|ssh-server|dropbear)$|(^|[-_])sshd($|[-_])/;

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/sshd-in-pod',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A pod runs an SSH server, a back door for ad-hoc admin work.',
    rationale: [
      'Twelve-factor admin tasks are one-off processes started by the platform from the release, not sessions on a',
      'long-lived box. An SSH server in a pod invites hand-made changes that no release records, keeps credentials',
      'inside the cluster, and adds a listening daemon next to the app.',
      '',
      'Run admin tasks as Jobs from the app image, or attach temporarily with `kubectl exec` / `kubectl debug`, which',
      'go through the API server\'s authentication and audit log.',
      '',
      'Not reported: init containers, templated images, image names that are not an SSH server, commands with a',
      "template expression, and SSH servers started by an image's own default command that the manifest does not show.",
      'A container reported for its image is not reported again for its command.',
    ].join('\n'),
    messages: {
      image: 'Image `{{image}}` is an SSH server; run admin tasks as Jobs or via `kubectl exec`/`kubectl debug`.',
      command: 'Container `{{container}}` starts `{{program}}`, an SSH server; run admin tasks as Jobs or via `kubectl exec`/`kubectl debug`.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.containers) {
        if (container.image && container.imageRange && !isTemplated(container.image)) {
          const name = parseImageReference(container.image).repository.split('/').pop() ?? '';
          if (SSH_IMAGE.test(name)) {
            report({ messageId: 'image', data: { image: container.image }, range: container.imageRange });
            continue;
          }
        }
        const command = containerCommand(source, container, object.doc);
        if (!command || command.templated) continue;
        for (const simple of command.commands) {
          const word = effectiveWords(simple)[0];
          if (!word || !/^(sshd|dropbear)$/.test(basename(word.value))) continue;
          report({ messageId: 'command', data: { container: container.name ?? '?', program: basename(word.value) }, range: word.range });
          break;
        }
      }
    }
  },
});
