import { defineDockerfileRule } from '../../../rule';
import { backgroundOperatorRange, spanOf, startInfo, type StartCommand } from '../../../dockerfile/start-command';
import { isKeepAliveWords } from '../../../dockerfile/keep-alive';

function isServiceStart(c: StartCommand): boolean {
  const v = c.words.map((w) => w.value);
  if (c.program === 'service' && v.length >= 3 && /^(start|restart)$/.test(v[2])) return true;
  if (/^\/etc\/init\.d\//.test(v[0] ?? '') && /^(start|restart)$/.test(v[1] ?? '')) return true;
  if (c.program === 'systemctl' && /^(start|restart)$/.test(v[1] ?? '')) return true;
  if ((c.program === 'rc-service' || c.program === 'openrc') && /^(start|restart)$/.test(v[2] ?? '')) return true;
  return false;
}

export default defineDockerfileRule({
  meta: {
    id: 'concurrency/background-process',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'The start command runs processes in the background (`&`, `service x start`) or only keeps the container alive (`tail -f /dev/null`).',
    rationale: [
      'When a start script sends processes to the background, the container runs several processes that the platform',
      'cannot see: if one dies nothing restarts it, they cannot be scaled separately, and they rarely receive the stop',
      'signal. A keep-alive such as `tail -f /dev/null` or `sleep infinity` as the main process is the same problem seen',
      'from the other side: the real work runs unsupervised while a placeholder holds the container open.',
      '',
      'Run exactly one process in the foreground per container, and model every other process type (worker, scheduler,',
      'sidecar) as its own container that the platform starts, restarts and scales.',
      '',
      'A keep-alive is read as the Kubernetes rules read one: `tail -f /dev/null`, `sleep infinity` or a sleep of a',
      'minute or more, `pause`.',
      '',
      'Not reported: the `app & wait $!` idiom with a single background child; a keep-alive used as a step before the',
      'main command rather than as the main command itself; a shorter sleep as the main command (a test image\'s whole',
      'job); and `service`/`systemctl` calls other than `start` and `restart`.',
    ].join('\n'),
    messages: {
      background: '`{{program}}` is sent to the background with `&`; run one foreground process per container and give other process types their own container.',
      keepAlive: '`{{command}}` only keeps the container alive; run the real process in the foreground instead.',
      service: '`{{command}}` starts a background daemon; run it as its own container or in the foreground.',
    },
  },
  check({ model, source, report }) {
    const info = startInfo(model);
    if (!info) return;
    const backgrounded = info.commands.filter((c) => c.background);
    // `app & wait $!` with a single child is a signal-forwarding idiom, not a second process.
    const waitIdiom = backgrounded.length === 1 && info.main?.program === 'wait' && info.main === info.commands[info.commands.length - 1];
    for (const command of info.commands) {
      if (command.words.length === 0) continue;
      if (command.background && !waitIdiom) {
        const range = backgroundOperatorRange(source, command.command) ?? command.command.range;
        report({ messageId: 'background', data: { program: command.program }, range });
      } else if (isServiceStart(command)) {
        report({ messageId: 'service', data: { command: command.words.map((w) => w.value).join(' ') }, range: spanOf(command.words[0], command.words[command.words.length - 1]) });
      } else if (command === info.main && isKeepAliveWords(command.words.map((w) => w.value))) {
        report({ messageId: 'keepAlive', data: { command: command.words.map((w) => w.value).join(' ') }, range: spanOf(command.words[0], command.words[command.words.length - 1]) });
      }
    }
  },
});
