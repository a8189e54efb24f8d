import { defineKubernetesRule } from '../../../rule';
import { appContainerCommands, commandSummary, programOf } from '../../../kubernetes/commands';

/**
 * Last commands that are not the app: shell builtins, and one-shot tools that do their work and exit (file utilities,
 * an HTTP client, ClamAV's `clamdscan` client after `clamd`): `exec` before them would not make the app PID 1.
 */
const NOT_THE_APP = new Set(['', 'exec', 'wait', 'echo', 'printf', 'true', 'false', 'exit', 'sleep', 'done', 'fi', 'esac', 'trap', 'set', 'export', 'cd', 'tail', 'touch', 'mkdir', 'chmod', 'chown', 'cp', 'mv', 'rm', 'ln', 'cat', 'ls', 'curl', 'wget', 'clamdscan']);
const SHELL_SYNTAX = /^(done|fi|esac|then|do|else|elif|\}|\))$/;

export default defineKubernetesRule({
  meta: {
    id: 'disposability/shell-wrapped-command',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A container runs its app as the last step of a `sh -c` script without `exec`, so the shell stays PID 1 and SIGTERM never reaches the app.',
    rationale: [
      'Disposable processes stop gracefully on SIGTERM. When a container runs `sh -c "migrate; node server.js"`, the',
      'shell is PID 1 and the app its child; the shell does not forward SIGTERM, so on every rollout the app is killed',
      'after the grace period instead of finishing its requests.',
      '',
      'Start the final command with `exec` so it replaces the shell and receives signals itself (the quick fix does',
      'that). A script with a single command is usually exec\'d by the shell already and is not reported. Some shells',
      '(bash 5.1 and later) also replace themselves with the last command of a longer `-c` script, others keep running',
      'as PID 1, and the shell an image ships can change with its base; `exec` makes it hold for every shell.',
      '',
      'Not reported: a script whose last command is a builtin or a one-shot tool that exits (`touch`, `cp`, `curl`,',
      '`clamdscan`: the app, if any, runs earlier in the script), a script with a loop, a condition, a background job or a',
      '`trap`, and a last command fed by a pipe or run only when the one before fails (`||`).',
    ].join('\n'),
    messages: {
      noExec: '`{{command}}` may run as a child of the shell in container `{{container}}` (not every shell hands PID 1 to the last command); prefix it with `exec` so it receives SIGTERM whatever the shell.',
    },
    fix: 'safe',
  },
  check({ model, source, report }) {
    for (const { container, command } of appContainerCommands(model, source)) {
      if (!command.script) continue;
      const commands = command.commands;
      if (commands.length < 2) continue;
      // Signals handled on purpose, or background jobs (another rule), or a pipeline into the last step: not ours.
      if (commands.some((c) => c.terminator === '&' || programOf(c) === 'trap')) continue;
      const last = commands[commands.length - 1];
      const previous = commands[commands.length - 2];
      if (previous.terminator === '|' || previous.terminator === '||') continue;
      const first = last.words[0];
      if (SHELL_SYNTAX.test(first.value) || commands.some((c) => /^(while|until|for|if|case)$/.test(c.words[0].value))) continue;
      if (first.value === 'exec' || NOT_THE_APP.has(programOf(last))) continue;
      const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.value);
      report({
        messageId: 'noExec',
        data: { command: commandSummary(last, 60), container: container.name ?? '?' },
        range: last.range,
        fix: assignment ? undefined : { title: 'Prefix the final command with exec', edits: [{ range: { start: first.range.start, end: first.range.start }, newText: 'exec ' }] },
      });
    }
  },
});
