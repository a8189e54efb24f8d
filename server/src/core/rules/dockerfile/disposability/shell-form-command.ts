import { defineDockerfileRule } from '../../../rule';
import { malformedExecArray, toExecForm } from '../../../dockerfile/exec-form';
import { shellExecsLastCommand, shellFor } from '../../../dockerfile/start-command';

export default defineDockerfileRule({
  meta: {
    id: 'disposability/shell-form-command',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'The container starts through a shell-form CMD or ENTRYPOINT whose shell stays PID 1, so SIGTERM never reaches the app.',
    rationale: [
      'In shell form Docker runs `/bin/sh -c "<command>"`. On Debian and Ubuntu images that shell (dash) stays PID 1',
      'with the app as its child and, unlike an init process, does not forward `SIGTERM` to it. On `docker stop` or a Kubernetes rollout the app gets no',
      'chance to finish requests and close connections; it is killed after the grace period instead.',
      '',
      'Use the exec form, `CMD ["node", "server.js"]`, so the application itself is PID 1 and receives the signal.',
      'If you need shell features, end the script with `exec <command>`: for a script of several commands',
      '(`cd /app && ./server`) that is the advice given. Honours `# hadolint ignore=DL3025`. A shell-form ENTRYPOINT also',
      'makes Docker ignore the CMD (`ENTRYPOINT /entrypoint.sh` then `CMD ["nginx", "-g", "daemon off;"]` never passes',
      'the CMD on); the message says so, and the fix is then unsafe, since the CMD becomes the entrypoint\'s arguments.',
      '',
      'Not reported: exec-form instructions; a shell form whose last command starts with `exec` (`CMD exec gunicorn …`,',
      '`CMD cd /app && exec node server.js`), where the app replaces the shell; a shell whose own rule is to replace itself with',
      'the last command, as measured: `/bin/sh` on Alpine and BusyBox images (BusyBox sh does so for the last command of',
      '`a && b` or `a; b` unless the script sets a `trap`) and a `SHELL ["/bin/bash", "-c"]` with one command, no redirection',
      'and no `trap` (dash, `/bin/sh` on Debian and Ubuntu images, never does, so those are reported; Docker\'s own',
      '`JSONArgsRecommended` check reports all of them); a shell-form CMD that follows an exec-form ENTRYPOINT (it is only',
      'arguments); an array written with quotes JSON does not know (`CMD [\'uvicorn\', \'app:app\']`), which',
      '`disposability/unsplit-exec-form` reports; a CMD or ENTRYPOINT inherited from an earlier stage (reported where it is written); and instructions',
      'outside the final stage.',
    ].join('\n'),
    messages: {
      shellForm: '{{keyword}} in shell form runs under /bin/sh, which does not pass SIGTERM on to the app; use the exec form.',
      ignoresCmd: 'ENTRYPOINT in shell form runs under /bin/sh, which does not pass SIGTERM on to the app, and Docker ignores the CMD after it; use the exec form (the CMD then becomes its arguments: check that the entrypoint expects them).',
      shellScript: '{{keyword}} runs a script of {{count}} commands under /bin/sh, which does not pass SIGTERM on to the app; start the last one with `exec` (`exec {{last}} …`) so that it replaces the shell.',
      shellVariable: '{{keyword}} in shell form runs under /bin/sh, which does not pass SIGTERM on to the app; the exec form would not expand `{{variable}}`, so start it with `exec` (`{{keyword}} exec {{program}} …`) to let it replace the shell.',
    },
    fix: 'safe',
    hadolint: ['DL3025'],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    for (const keyword of ['ENTRYPOINT', 'CMD'] as const) {
      const instruction = model.lastOf(stage, keyword);
      // Only the stage's own instruction is ours to fix; an inherited one is reported where it is written.
      if (!instruction || model.stageOf(instruction) !== stage) continue;
      const line = model.commandLine(instruction);
      if (!line || line.form !== 'shell' || line.commands.length === 0) continue;
      // An array written with the wrong quotes was meant as the exec form: disposability/unsplit-exec-form says so.
      if (malformedExecArray(line)) continue;
      // `CMD exec gunicorn …` (or `cd /app && exec node server.js`): the shell replaces itself with the app,
      // which becomes PID 1 and receives SIGTERM.
      if (line.commands[line.commands.length - 1].words[0]?.value === 'exec') continue;
      // BusyBox's sh on Alpine (or a `SHELL` of bash, for one command) does that `exec` itself: the app is PID 1.
      if (shellExecsLastCommand(shellFor(model, instruction), stage, line)) continue;
      // CMD after an exec-form ENTRYPOINT is just arguments to it: no shell is involved.
      if (keyword === 'CMD') {
        const entrypoint = model.lastOf(stage, 'ENTRYPOINT');
        if (entrypoint && model.commandLine(entrypoint)?.form === 'exec') continue;
      }
      const execForm = toExecForm(line);
      // `cd /app && ./server`, `sleep 5 && ./app`: no exec form says that without a shell; `exec` on the last command does,
      // when the steps run one after another (not `app & tail -f /dev/null` or a pipeline, which other rules speak of).
      const steps = line.commands.slice(0, -1);
      const sequential = steps.length > 0 && steps.every((c) => c.terminator === '&&' || c.terminator === ';' || c.terminator === '\n');
      const last = sequential ? line.commands[line.commands.length - 1].words[0]?.value : undefined;
      // `CMD streamlit run app.py --server.port $PORT`: the exec form passes `$PORT` as written; `exec` keeps the expansion.
      const words = line.commands.length === 1 ? line.commands[0].words : [];
      const variable = words.find((w) => w.value.includes('$'))?.value;
      // A shell-form ENTRYPOINT makes Docker drop the CMD (handesk's nginx image: `ENTRYPOINT /entrypoint.sh`, then a CMD).
      const ignoresCmd = keyword === 'ENTRYPOINT' && !last && !variable && model.lastOf(stage, 'CMD') !== undefined;
      report({
        messageId: last ? 'shellScript' : variable ? 'shellVariable' : ignoresCmd ? 'ignoresCmd' : 'shellForm',
        data: last ? { keyword, count: line.commands.length, last } : variable ? { keyword, variable, program: words[0]?.value ?? '' } : { keyword },
        range: instruction.getRange(),
        // A shell-form ENTRYPOINT ignores CMD; in exec form it would receive the stage's CMD as arguments.
        fix: execForm ? { title: `Convert ${keyword} to exec form`, edits: [{ range: line.argumentsRange, newText: execForm }], safety: keyword === 'ENTRYPOINT' && model.lastOf(stage, 'CMD') ? 'unsafe' : undefined } : undefined,
      });
    }
  },
});
