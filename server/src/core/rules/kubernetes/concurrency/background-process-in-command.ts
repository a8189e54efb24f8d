import { defineKubernetesRule } from '../../../rule';
import { appContainerCommands, commandSummary, programOf } from '../../../kubernetes/commands';

const HOUSEKEEPING = new Set(['', 'wait', 'trap', 'echo', 'kill', 'printf', 'set', 'exit']);

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/background-process-in-command',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A container\'s shell command starts a process in the background (`cmd &`) next to its main process.',
    rationale: [
      'Each process type should run as its own process, scaled by running more of them. A script that starts',
      '`worker &` and then the web server packs two process types into one container: Kubernetes sees only one, a',
      'crashed background process goes unnoticed and unrestarted, it receives no SIGTERM on shutdown, and the two',
      'can only be scaled together.',
      '',
      'Give each process its own container (or Deployment). The trap-and-wait idiom (`app & wait $!`) that only',
      'exists to forward signals to one process is not reported.',
    ].join('\n'),
    messages: {
      background: '`{{command}}` runs in the background of container `{{container}}`; give it its own container or Deployment.',
    },
  },
  check({ model, source, report }) {
    for (const { container, command } of appContainerCommands(model, source)) {
      if (!command.script) continue;
      const background = command.commands.filter((c) => c.terminator === '&');
      if (background.length === 0) continue;
      if (background.length === 1) {
        const rest = command.commands.slice(command.commands.indexOf(background[0]) + 1).map(programOf);
        if (rest.length > 0 && rest[rest.length - 1] === 'wait' && rest.every((p) => HOUSEKEEPING.has(p))) continue;
      }
      for (const c of background) {
        report({ messageId: 'background', data: { command: `${commandSummary(c)} &`, container: container.name ?? '?' }, range: c.range });
      }
    }
  },
});
