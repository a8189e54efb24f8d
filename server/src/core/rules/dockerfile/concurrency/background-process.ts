import { defineDockerfileRule } from '../../../rule';
import { backgroundOperatorRange, programWords, spanOf, startInfo } from '../../../dockerfile/start-command';
import { isKeepAliveWords } from '../../../dockerfile/keep-alive';
import { readEntrypointScript } from '../../../build-context';
import { daemonizingOption } from '../../../daemons';
import type { RelatedLocation } from '../../../types';

interface ProgramWords {
  program: string;
  words: readonly { value: string }[];
}

/**
 * How a command that is not the container's last leaves a process behind: sent to the background with `&` (unless
 * the next command waits for it: `app & PID=$!` then `wait $PID`, Homarr's migration and server), told to detach
 * (`gunicorn --daemon`), or started as a service; undefined for a command that runs in the foreground.
 */
function detachedBy(command: ProgramWords, background: boolean, commands: readonly ProgramWords[], index: number): 'background' | 'daemon' | 'service' | undefined {
  if (command.words.length === 0) return undefined;
  if (background) return waitedFor(commands, index) ? undefined : 'background';
  if (daemonizingOption(command.words.map((w) => w.value), command.program)) return 'daemon';
  return isServiceStart(command) ? 'service' : undefined;
}

/** True when the first command after `index` that runs something is `wait`. */
function waitedFor(commands: readonly ProgramWords[], index: number): boolean {
  for (let j = index + 1; j < commands.length; j++) if (commands[j].words.length > 0) return commands[j].program === 'wait';
  return false;
}

function isServiceStart(c: ProgramWords): boolean {
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
      'The entrypoint script the image starts is read too, when the build context holds it: a server it detaches before',
      'its last command (`&`, `gunicorn --daemon`, `php-fpm -D`, `service x start`) is reported on the ENTRYPOINT, with',
      'the script\'s lines as related locations. A child the script waits for (`app & PID=$!` then `wait $PID`) before it',
      'starts anything else is not reported.',
      '',
      'A main process told to detach itself (`gunicorn -D`, `puma -d`, `unicorn -D`, `redis-server --daemonize yes`) is',
      'reported as well: it returns at once, and the container stops with it.',
      '',
      'Not reported: a child the next command waits for (`app & wait $!`, `app & PID=$!; wait $PID`); a keep-alive used as a step before the',
      'main command rather than as the main command itself; a shorter sleep as the main command (a test image\'s whole',
      'job); and `service`/`systemctl` calls other than `start` and `restart`.',
    ].join('\n'),
    messages: {
      background: '`{{program}}` is sent to the background with `&`; run one foreground process per container and give other process types their own container.',
      keepAlive: '`{{command}}` only keeps the container alive; run the real process in the foreground instead.',
      service: '`{{command}}` starts a background daemon; run it as its own container or in the foreground.',
      daemon: '`{{command}}` detaches the server into the background; run one foreground process per container and give other process types their own container.',
      daemonMain: '`{{option}}` tells `{{program}}`, the main process, to detach: it returns at once and the container stops; drop the option so that it runs in the foreground.',
      inScript: '`{{script}}` starts `{{program}}` in the background ({{how}}) before the process it keeps running; run one foreground process per container and give other process types their own container.',
    },
  },
  check({ model, source, report, buildContext }) {
    const info = startInfo(model);
    if (!info) return;
    reportScript();
    for (const [i, command] of info.commands.entries()) {
      if (command.words.length === 0) continue;
      // The main process itself may be a service start (`CMD service nginx start`): the container then keeps nothing.
      // A main process told to detach (`CMD ["gunicorn", "-D", ...]`) returns at once, and the container stops with it.
      const how = command === info.main ? (isServiceStart(command) ? 'service' : daemonizingOption(command.words.map((w) => w.value), command.program) ? 'daemonMain' : undefined) : detachedBy(command, command.background, info.commands, i);
      const text = () => command.words.map((w) => w.value).join(' ');
      const span = () => spanOf(command.words[0], command.words[command.words.length - 1]);
      if (how === 'background') report({ messageId: 'background', data: { program: command.program }, range: backgroundOperatorRange(source, command.command) ?? command.command.range });
      else if (how === 'daemon') report({ messageId: 'daemon', data: { command: text() }, range: span() });
      else if (how === 'daemonMain') report({ messageId: 'daemonMain', data: { program: command.program, option: daemonizingOption(command.words.map((w) => w.value), command.program) ?? '' }, range: span() });
      else if (how === 'service') report({ messageId: 'service', data: { command: text() }, range: span() });
      else if (command === info.main && isKeepAliveWords(command.words.map((w) => w.value))) report({ messageId: 'keepAlive', data: { command: text() }, range: span() });
    }

    /** The servers the entrypoint script detaches before its last command, the process the container keeps. */
    function reportScript(): void {
      const read = readEntrypointScript(model, buildContext);
      if (!read) return;
      const commands = read.reading.commands;
      const programs = commands.map((c) => programWords(c));
      const found: { program: string; how: string; related: RelatedLocation }[] = [];
      for (const [i, command] of commands.entries()) {
        const { words, program } = programs[i];
        const how = i === commands.length - 1 ? undefined : detachedBy(programs[i], command.terminator === '&', programs, i);
        if (!how) continue;
        const values = words.map((w) => w.value);
        // `service php7.2-fpm start` starts php7.2-fpm.
        const started = how === 'service' && program === 'service' ? values[1] : program;
        const written = how === 'background' ? '`&`' : how === 'daemon' ? `\`${daemonizingOption(values, program)}\`` : `\`${values.slice(0, 3).join(' ')}\``;
        found.push({ program: started, how: written, related: { uri: read.file.uri, range: spanOf(words[0], words[words.length - 1]), message: `\`${started}\` is left running in the background here.` } });
      }
      if (found.length === 0) return;
      report({ messageId: 'inScript', data: { script: read.script.contextPath, program: found[0].program, how: found[0].how }, range: read.script.range, related: found.slice(0, 5).map((f) => f.related) });
    }
  },
});
