import { defineDockerfileRule } from '../../../rule';
import { commandsOf, endsScript, shellExecsLastCommand, startInfo } from '../../../dockerfile/start-command';

/** Words that begin shell syntax rather than a program: no `exec` can go before them. */
const NOT_A_PROGRAM = /^(exec|wait|done|fi|esac|then|else|do|if|while|until|for|case|\}|\)|true|false|:|exit|return|trap|set|export|cd|echo|printf|source|\.)$/;

export default defineDockerfileRule({
  meta: {
    id: 'disposability/shell-without-exec',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'An exec-form `["sh", "-c", "…"]` start command does not `exec` its last command, so the shell may stay PID 1 and keep SIGTERM from the app.',
    rationale: [
      'Wrapping a start script in `["sh", "-c", "…"]` looks like the exec form, but the shell is still the container\'s',
      'first process. Unless the script replaces the shell with `exec`, the app runs as a child of a shell that (depending',
      'on the shell and version) neither forwards `SIGTERM` nor reaps children, so the app is killed instead of stopped',
      'gracefully.',
      '',
      'Start the long-running command with `exec`, e.g. `["sh", "-c", "./migrate-check && exec node server.js"]`, or move',
      'the preparation into an entrypoint script that ends with `exec "$@"`.',
      '',
      'Not reported: scripts whose shell replaces itself with the last command, as measured: `sh` on an Alpine or BusyBox',
      'image (BusyBox sh does so for the last command of `a && b` or `a; b` unless the script sets a `trap` or a line',
      'break follows that command; a trailing `;` changes nothing in any shell measured) and `bash`',
      'with one command, no redirection and no `trap` (dash, `/bin/sh` on Debian and Ubuntu, never does); scripts whose last command',
      'already starts with `exec`, runs in the background or is shell syntax',
      'or a builtin (`wait`, `fi`, `done`, `echo`, `exit` …); a last command whose program is a `$` variable; a last',
      'command reached through `||` or a pipe; shell-form start commands (see `disposability/shell-form-command`); and',
      'instructions inherited from another stage.',
    ].join('\n'),
    messages: {
      noExec: '`{{program}}` runs as a child of `sh -c`; start it with `exec {{program}}` so it receives SIGTERM directly.',
    },
    fix: 'safe',
  },
  check({ model, report }) {
    const info = startInfo(model);
    if (!info) return;
    for (const instruction of [info.entrypoint, info.cmd]) {
      if (!instruction || model.stageOf(instruction) !== info.stage) continue;
      const line = model.commandLine(instruction);
      if (!line || line.form !== 'exec' || !line.script) continue;
      const commands = commandsOf(line);
      // BusyBox's sh (Alpine, BusyBox) and bash replace themselves with the last command in some scripts; dash never does.
      if (shellExecsLastCommand(line.execArgs[0]?.value, info.stage, line)) continue;
      const last = commands[commands.length - 1];
      if (!last || last.background || !endsScript(last.command)) continue;
      const first = last.command.words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value));
      if (!first || NOT_A_PROGRAM.test(first.value) || first.value.includes('$')) continue;
      // `a || b`: the last command only runs on failure; `a | b`: a pipeline cannot be exec'ed as a whole.
      const previous = commands[commands.length - 2];
      if (previous && (previous.command.terminator === '||' || previous.command.terminator === '|')) continue;
      const hasAssignments = last.command.words[0] !== first;
      report({
        messageId: 'noExec',
        data: { program: last.program || first.value },
        range: first.range,
        fix: hasAssignments ? undefined : { title: 'Start the last command with exec', edits: [{ range: { start: first.range.start, end: first.range.start }, newText: 'exec ' }] },
      });
    }
  },
});
