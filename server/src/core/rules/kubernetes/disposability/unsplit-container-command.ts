import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { nodeAt, scalarString, seqItems } from '../../../kubernetes/yaml-nodes';

/** The handlers of a container that run a program of their own: probes and lifecycle hooks. */
const HANDLERS: ReadonlyArray<{ path: string[]; what: string }> = [
  { path: ['livenessProbe', 'exec', 'command'], what: 'liveness probe' },
  { path: ['readinessProbe', 'exec', 'command'], what: 'readiness probe' },
  { path: ['startupProbe', 'exec', 'command'], what: 'startup probe' },
  { path: ['lifecycle', 'postStart', 'exec', 'command'], what: 'postStart hook' },
  { path: ['lifecycle', 'preStop', 'exec', 'command'], what: 'preStop hook' },
];

/** A first word that holds a whole command line (`npm run start`), not a program path. */
function isUnsplit(program: string): boolean {
  // Windows nodes: `C:\Program Files\…` is a program path with a space in it.
  return /\S\s+\S/.test(program) && !/^[A-Za-z]:[\\/]|\\/.test(program) && !isTemplated(program);
}

export default defineKubernetesRule({
  meta: {
    id: 'disposability/unsplit-container-command',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A container\'s `command`, or an exec probe or hook, puts a whole command line in its first item (`["npm run start"]`): Kubernetes looks for a program of that name, and the container cannot start.',
    rationale: [
      'Kubernetes runs `command` (and an exec probe\'s or lifecycle hook\'s `command`) as it is written, without a shell:',
      'the first item is the program and nothing splits it into words. `command: ["npm run start"]`, or a Helm value',
      'pasted in as one item, asks the runtime for a program called `npm run start`, and the container fails with',
      '"executable file not found" on every start; the pod stays in CrashLoopBackOff. An exec probe written this way',
      'always fails, so a liveness probe restarts a healthy container again and again, and a readiness probe never lets',
      'traffic in. A process that cannot start, or is killed for nothing, is the opposite of a disposable one.',
      '',
      'Give each word its own item (`["npm", "run", "start"]`), or hand a script to a shell (`["sh", "-c", "…"]`). In a Helm',
      'template, `command: {{ .Values.command }}` prints a list value as Go does, `[run_as_deploy rake db:migrate]`, which',
      'YAML reads as one item: write `{{ toJson .Values.command }}` instead.',
      '',
      'Not reported: `args` (what they mean depends on the image\'s entrypoint, which may be a shell); Windows paths',
      '(`C:\\Program Files\\…`); values a Helm template leaves unknown. The Dockerfile rule',
      '`disposability/unsplit-exec-form` reports the same mistake in an exec-form CMD or ENTRYPOINT.',
    ].join('\n'),
    messages: {
      command: 'Container `{{container}}` runs a program named `{{program}}`, which does not exist: `command` runs without a shell; give each word its own item.',
      helmCommand: 'Container `{{container}}` runs a program named `{{program}}`, which does not exist: `command` runs without a shell, and a list value printed with `{{ }}` is one item (`[a b c]`); write it with `toJson` or `toYaml`, or give each word its own item.',
      handler: 'The {{what}} of container `{{container}}` runs a program named `{{program}}`, which does not exist, so it always fails: `command` runs without a shell; give each word its own item.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      for (const container of object.podSpec?.allContainers ?? []) {
        const name = container.name ?? '?';
        const first = (commandNode: Node | undefined): { node: Node; program: string } | undefined => {
          const node = seqItems(commandNode, object.doc)[0];
          const program = scalarString(node, object.doc);
          return node && program !== undefined && isUnsplit(program) ? { node, program } : undefined;
        };
        const command = first(nodeAt(container.node, ['command'], object.doc));
        const commandRange = command && model.rangeOf(command.node);
        if (command && commandRange) report({ messageId: model.isHelmTemplate ? 'helmCommand' : 'command', data: { container: name, program: command.program }, range: commandRange });
        for (const { path, what } of HANDLERS) {
          const handler = first(nodeAt(container.node, path, object.doc));
          const range = handler && model.rangeOf(handler.node);
          if (handler && range) report({ messageId: 'handler', data: { what, container: name, program: handler.program }, range });
        }
      }
    }
  },
});
