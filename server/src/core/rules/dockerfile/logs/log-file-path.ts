import { defineDockerfileRule } from '../../../rule';
import { programWords, startInfo, subRange } from '../../../dockerfile/start-command';
import { readEntrypointScript } from '../../../build-context';
import type { ShellWord } from '../../../dockerfile/shell';

/** Options that send a server's log to a file. */
const LOG_OPTIONS = new Set([
  '--log-file', '--logfile', '--log-path', '--logpath', '--access-logfile', '--error-logfile', '--access-log', '--error-log',
  '--log', '--logto', '--logto2', '--daemonize', '-Dlogging.file.name', '-Dlogging.file.path', '--logging.file.name',
  '--logging.file.path', '-Dlogging.file', '--logging.file', '--log-dir', '--log_dir', '-log_dir', '-log-file',
]);
/** Short log options, only for the programs where they mean a log file. */
const SHORT_LOG_OPTIONS: Record<string, string[]> = { celery: ['-f'], uwsgi: ['-d'], mongod: [], redis: [] };

const ENV_NAME = /^(?:[A-Z0-9]+_)*(LOG_?FILE(_?NAME|_?PATH)?|LOG_?PATH|LOG_?DIR(ECTORY)?|LOGGING_FILE(_NAME|_PATH)?|LOG_FILENAME|ACCESS_LOG|ERROR_LOG)$/i;

/** True for a value that names a file (rather than stdout, stderr or a variable). */
function isFilePath(value: string): boolean {
  if (!value || value === '-' || value.includes('$')) return false;
  if (/^\/(dev\/(stdout|stderr|fd\/[12]|null)|proc\/self\/fd\/[12])$/.test(value)) return false;
  if (/^(stdout|stderr|console|syslog|off|none|false|true|0|1)$/i.test(value)) return false;
  return value.startsWith('/') || value.startsWith('./') || /\.(log|txt|out|err)$/i.test(value) || /(^|\/)logs?(\/|$)/.test(value);
}

/** A redirect target that reads as a log: `*.log`, `*.out`, `*.err`, or a file under a `log`/`logs` folder. */
const LOG_LIKE = /\.(log|out|err)(\.\d+)?$|(^|\/)(var\/)?logs?\//i;

interface LogTarget {
  /** The option that names the file (`--log-file`); undefined for a redirection. */
  option?: string;
  path: string;
  /** The word that holds the path, and where in its value the path starts. */
  word: ShellWord;
  start: number;
}

/** Where a command sends a log to a file: options that name one (`--log-file=/var/log/app.log`) and redirections to one. */
function logTargets(words: readonly ShellWord[], program: string, viaShell: boolean): LogTarget[] {
  const out: LogTarget[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const v = w.value;
    // Redirections: `> file`, `>>file`, `2> file`, `&> file`, `1>>/var/log/x`.
    const redirect = viaShell && !w.quoted ? /^(\d?>>?|&>>?)(.*)$/.exec(w.raw) : null;
    if (redirect) {
      // A line a script writes (`echo "starting" > /var/log/startup.log`) is a note, not a process's log stream.
      if (program === 'echo' || program === 'printf') break;
      const inline = redirect[2];
      const target = inline ? w : words[i + 1];
      const path = inline ? w.value.slice(redirect[1].length) : target?.value;
      // Only output that reads as a log: `envsubst < nginx.conf.template > /etc/nginx/nginx.conf` writes a config file.
      if (target && path !== undefined && !path.startsWith('&') && isFilePath(path) && !/^\/dev\/null$/.test(path) && LOG_LIKE.test(path)) {
        out.push({ path, word: target, start: inline ? redirect[1].length : 0 });
      }
      if (!inline) i++;
      continue;
    }
    if (!v.startsWith('-')) continue;
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : v;
    if (!LOG_OPTIONS.has(name) && !SHORT_LOG_OPTIONS[program]?.includes(name)) continue;
    const valueWord = eq > 0 ? w : words[i + 1];
    if (!valueWord) continue;
    const path = eq > 0 ? v.slice(eq + 1) : valueWord.value;
    if (eq < 0 && path.startsWith('-') && path !== '-') continue;
    if (isFilePath(path)) out.push({ option: name, path, word: valueWord, start: eq > 0 ? eq + 1 : 0 });
    if (eq < 0) i++;
  }
  return out;
}

export default defineDockerfileRule({
  meta: {
    id: 'logs/log-file-path',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'The app is told to write its logs into a file (`--log-file`, `> app.log`, `LOG_FILE=/var/log/…`) instead of stdout/stderr.',
    rationale: [
      'A container\'s log is what its process writes to stdout and stderr: that is what `docker logs`, `kubectl logs`',
      'and every log collector read. A log file inside the container is invisible to them, grows until the writable',
      'layer fills up, and disappears with the container, usually exactly when you need it.',
      '',
      'Write logs as an unbuffered event stream to stdout/stderr (for gunicorn `--access-logfile -`, for Spring Boot no',
      '`logging.file.*`) and let the platform route, store and rotate them.',
      '',
      'A redirection is reported only when its target reads as a log (`*.log`, `*.out`, `*.err`, a `log`/`logs`',
      'folder): `envsubst < nginx.conf.template > /etc/nginx/nginx.conf` generates a config file and is not reported, and',
      'neither is a line `echo` or `printf` writes.',
      '',
      'The entrypoint script the image starts is read too, when the build context holds it: the commands it runs on',
      'every start are checked the same way, and reported on the ENTRYPOINT with the script\'s lines as related locations.',
    ].join('\n'),
    messages: {
      option: '`{{option}}` writes the log to `{{path}}` inside the container; log to stdout/stderr (`-`) and let the platform collect it.',
      redirect: 'The output of `{{program}}` is redirected to `{{path}}`; let it go to stdout/stderr so the platform collects it.',
      env: '`{{name}}` points the log at the file `{{path}}`; log to stdout/stderr instead.',
      inScript: '`{{script}}` has `{{program}}` write its log to `{{path}}` inside the container ({{how}}); log to stdout/stderr and let the platform collect it.',
    },
  },
  check({ model, source, report, buildContext }) {
    const info = startInfo(model);
    if (!info) return;
    for (const command of info.commands) {
      for (const target of logTargets(command.words, command.program, command.viaShell)) {
        const range = subRange(source, target.word, target.start, target.start + target.path.length);
        if (target.option !== undefined) report({ messageId: 'option', data: { option: target.option, path: target.path }, range });
        else report({ messageId: 'redirect', data: { program: command.program, path: target.path }, range });
      }
    }
    for (const variable of model.envOf(info.stage).values()) {
      if (ENV_NAME.test(variable.name) && isFilePath(variable.value)) {
        report({ messageId: 'env', data: { name: variable.name, path: variable.value }, range: variable.valueRange });
      }
    }
    // The entrypoint script's commands, when the caller read it: one finding on the ENTRYPOINT, the script's lines related.
    const read = readEntrypointScript(model, buildContext);
    if (!read) return;
    const found = read.reading.commands.flatMap((command) => {
      const { words, program } = programWords(command);
      return logTargets(words, program, true).map((target) => ({ program, target }));
    });
    if (found.length === 0) return;
    const [{ program, target }] = found;
    report({
      messageId: 'inScript',
      data: { script: read.script.contextPath, program, path: target.path, how: target.option !== undefined ? `\`${target.option}\`` : 'a redirection' },
      range: read.script.range,
      related: found.slice(0, 5).map((f) => ({ uri: read.file.uri, range: f.target.word.range, message: `\`${f.program}\` logs to \`${f.target.path}\` here.` })),
    });
  },
});
