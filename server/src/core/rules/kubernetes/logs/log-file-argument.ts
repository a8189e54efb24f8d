import type { Fix } from '../../../types';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { basename, containerCommand, replacementFor, runnerStripped, type ArgvWord } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

const FLAG = /^(--?(log-?file|log_file|logfile|log-path|log_path|logpath|access-logfile|error-logfile|access-log|error-log|log-dir|log_dir|logdir|log-file-path))$/;
/** Programs whose `--logdir` names data they read (training event files), not their own log output. */
const READS_LOG_DIR = /^(tensorboard|tensorboard\.main)$/;
const STREAM = /^(-|\/dev\/(stdout|stderr|fd\/[12])|\/proc\/self\/fd\/[12]|\/dev\/null)$/;
const ENV_NAME = /^(LOG_?FILE|LOG_PATH|LOG_DIR|LOGFILE_PATH|LOG_FILE_PATH|[A-Z0-9_]+_LOG_?FILE|[A-Z0-9_]+_LOG_PATH)$/;
const GUNICORN_STREAMABLE = new Set(['--access-logfile', '--error-logfile', '--log-file']);

/** `--log-dir`, `LOG_DIR`: the value names a folder the logs are written into. */
const folderOrFile = (name: string) => (/dir$/i.test(name) ? 'folder' : 'file');

const isFile = (value: string) => !STREAM.test(value) && !isTemplated(value) && !value.startsWith('$') && (value.includes('/') || /\.log$/.test(value));

export default defineKubernetesRule({
  meta: {
    id: 'logs/log-file-argument',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'The app is told to write logs to a file: a `--log-file`-style flag, a `> file` redirection or a `LOG_FILE` variable.',
    rationale: [
      'A twelve-factor app never routes or stores its own output: it writes its event stream to stdout and the',
      'platform captures it. A log file inside a container is invisible to `kubectl logs` and to the cluster\'s log',
      'pipeline, grows until the container\'s disk fills, and vanishes with the pod.',
      '',
      'Point log options at stdout (`-` or `/dev/stdout`) or drop them. For gunicorn\'s `--access-logfile`,',
      '`--error-logfile` and `--log-file` the quick fix writes `-`, which gunicorn reads as stdout/stderr.',
      '',
      'Not reported: tools whose log folder is an input they read, not where they write their own logs (TensorBoard\'s',
      '`--logdir` holds the training runs it shows).',
    ].join('\n'),
    messages: {
      flag: '`{{flag}}` sends logs to the {{what}} `{{file}}` in container `{{container}}`; log to stdout instead.',
      redirect: 'The output of `{{program}}` is redirected to `{{file}}` in container `{{container}}`; let it go to stdout.',
      env: '`{{name}}` points logging at the {{what}} `{{file}}` in container `{{container}}`; log to stdout instead.',
    },
    fix: 'safe',
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec) continue;
      for (const container of object.podSpec.containers) {
        const name = container.name ?? '?';
        const command = containerCommand(source, container, object.doc);
        if (command && !command.templated) {
          for (const simple of command.commands) {
            const words = effectiveWords(simple) as ArgvWord[];
            // The tool itself, behind runners such as `npx`, `poetry run` or `bundle exec`.
            const program = basename(runnerStripped(words.map((w) => w.value))[0] ?? '');
            words.forEach((word, i) => {
              const eq = word.value.indexOf('=');
              const flag = eq > 0 ? word.value.slice(0, eq) : word.value;
              if (FLAG.test(flag) && !READS_LOG_DIR.test(program)) {
                const valueWord = eq > 0 ? undefined : words[i + 1];
                const file = eq > 0 ? word.value.slice(eq + 1) : valueWord?.value;
                if (!file || !isFile(file)) return;
                let fix: Fix | undefined;
                if (program === 'gunicorn' && GUNICORN_STREAMABLE.has(flag)) {
                  const target = valueWord ?? word;
                  const text = valueWord ? replacementFor(valueWord, '-') : `${flag}=-`;
                  fix = { title: `Send gunicorn's ${flag} to stdout`, edits: [{ range: target.range, newText: text }] };
                }
                report({ messageId: 'flag', data: { flag, file, container: name, what: folderOrFile(flag) }, range: (valueWord ?? word).range, fix });
                return;
              }
              const redirect = /^(\d?>>?|&>>?)(.*)$/.exec(word.value);
              if (redirect && !word.quoted) {
                const target = redirect[2] ? word : words[i + 1];
                const file = redirect[2] || words[i + 1]?.value;
                if (!target || !file || file.startsWith('&') || !isFile(file) || !/\.(log|txt|out|err)$|\/log(s)?\//.test(file)) return;
                report({ messageId: 'redirect', data: { program, file, container: name }, range: target.range });
              }
            });
          }
        }
        for (const entry of container.env) {
          if (!ENV_NAME.test(entry.name) || !entry.value || !entry.valueRange || !isFile(entry.value)) continue;
          report({ messageId: 'env', data: { name: entry.name, file: entry.value, container: name, what: folderOrFile(entry.name) }, range: entry.valueRange });
        }
      }
    }
  },
});
