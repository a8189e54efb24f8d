import { defineKubernetesRule } from '../../../rule';
import { findInCommand } from '../../../kubernetes/pod-parts';

/** `curl … | sh`, `wget -qO- … | bash`, `sh -c "$(curl …)"`, `bash <(curl …)`. */
// The download part stops at the next `curl`/`wget` (that one starts its own attempt), so no text is rescanned.
const PIPE_TO_SHELL = /\b(?:curl|wget)\b(?:(?!\b(?:curl|wget)\b)[^|;&\n])*\|\s*(?:sudo\s+)?(?:-?\w+=\S+\s+)*(?:ba|z|da|k)?sh\b|\b(?:ba|z|da)?sh\s+(?:-c\s+)?["']?(?:\$\(|<\()\s*(?:curl|wget)\b/;

export default defineKubernetesRule({
  meta: {
    id: 'dependencies/remote-script-at-start',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A container downloads a script and pipes it into a shell when the pod starts (`curl … | sh`).',
    rationale: [
      'A script fetched from a URL at start is an undeclared dependency with no version and no integrity check: the',
      'pod runs whatever the server returns that day, and cannot start at all when the server is unreachable.',
      'Nothing in the released image or the manifest records what was executed.',
      '',
      'Fetch the script in the image build, verify its checksum there, and run the copy from the image.',
      '',
      'Not reported: command lines that contain a template expression (their content is unknown), downloads saved to a',
      'file instead of piped into a shell, and downloads piped into programs other than `sh`, `bash`, `zsh`, `dash` or',
      '`ksh`.',
    ].join('\n'),
    messages: {
      pipe: 'Container `{{name}}` runs `{{command}}`: a remote script is executed at start without a version or checksum.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        for (const match of findInCommand(model, container, object.doc, PIPE_TO_SHELL)) {
          report({ messageId: 'pipe', data: { name: container.name ?? '?', command: match.text.trim() }, range: match.range });
        }
      }
    }
  },
});
