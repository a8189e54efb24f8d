import { defineDockerfileRule } from '../../../rule';
import { startInfo } from '../../../dockerfile/start-command';

export default defineDockerfileRule({
  meta: {
    id: 'concurrency/nginx-daemon',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'nginx is started without `daemon off;`, so it forks into the background.',
    rationale: [
      'By default nginx daemonises: the command returns at once and the master process continues in the background.',
      'As the container\'s main process that makes the container exit immediately; started before another command it',
      'leaves an unsupervised daemon that the platform can neither restart nor scale.',
      '',
      'Start nginx in the foreground with `nginx -g "daemon off;"` (the official image\'s default command), or put',
      '`daemon off;` in the configuration, and run any other process in its own container.',
      '',
      'Not reported: an nginx started with `-g "daemon off;"` or sent to the background with `&` (see `concurrency/background-process`); `nginx -t`, `-s reload`,',
      '`-v` and other non-start invocations; `nginx -c <file>`; and images where a RUN writes `daemon off` or an nginx',
      'configuration file is copied in, because that configuration may already say `daemon off;`.',
    ].join('\n'),
    messages: {
      daemon: '`nginx` daemonises by default; start it with `-g "daemon off;"` so it stays in the foreground.',
    },
    fix: 'unsafe',
  },
  check({ model, report }) {
    const info = startInfo(model);
    if (!info) return;
    const lineage = model.inheritedInstructions(info.stage);
    // `daemon off;` may already be in the configuration: written by a RUN, or in a copied nginx.conf.
    for (const instruction of lineage) {
      const keyword = instruction.getKeyword();
      const text = instruction.getRawArgumentsContent() ?? '';
      if (keyword === 'RUN' && /daemon\s+off/.test(text)) return;
      if ((keyword === 'COPY' || keyword === 'ADD') && /nginx(?:(?!nginx)\S)*\.conf|\/etc\/nginx\/?(\s|$|")/.test(text)) return;
    }
    for (const command of info.commands) {
      if (command.program !== 'nginx' || command.background) continue;
      const values = command.words.map((w) => w.value);
      if (values.some((v, i) => (v === '-g' && /daemon\s+off/.test(values[i + 1] ?? '')) || /daemon\s+off/.test(v))) continue;
      // `nginx -t`, `-s reload`, `-v`: not a server start; `-c file`: that file may say `daemon off;`.
      if (values.some((v) => /^-(t|T|s|v|V|h|\?|c)$/.test(v))) continue;
      const last = command.words[command.words.length - 1];
      let fix;
      if (command === info.main) {
        if (!command.viaShell) fix = { title: 'Run nginx in the foreground', edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ', "-g", "daemon off;"' }] };
        else if (!command.line.script || command.line.form === 'shell') fix = { title: 'Run nginx in the foreground', edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ` -g 'daemon off;'` }] };
      }
      report({ messageId: 'daemon', range: command.words[0].range, fix });
    }
  },
});
