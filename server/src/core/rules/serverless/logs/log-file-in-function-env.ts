import { defineServerlessRule } from '../../../rule';

const LOG_FILE_NAME = /(^|_)(LOG|LOGS|LOGGING|LOGGER)_?(FILE|FILENAME|FILE_PATH|PATH|DIR|DIRECTORY|FOLDER)$|^LOGFILE$/i;

export default defineServerlessRule({
  meta: {
    id: 'logs/log-file-in-function-env',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'A Lambda environment variable sends the function\'s log to a file (`LOG_FILE: /tmp/app.log`) instead of the standard output that CloudWatch collects.',
    rationale: [
      'A twelve-factor app never manages log files: it writes its events to standard output and the platform collects',
      'them. On Lambda, standard output and standard error go to CloudWatch Logs; a file under `/tmp` is private to one',
      'execution environment and vanishes with it, so those log lines are never seen.',
      '',
      'Log to standard output (the runtime\'s console or logger) and let CloudWatch Logs, or a subscription from it, route',
      'the events.',
      '',
      'Not reported: variables whose name is not a log file, path or directory setting; values that are not a literal',
      'absolute or relative path (references, bare file names); and `/dev/stdout`, `/dev/stderr`, `/proc/self/fd/1` and',
      '`/proc/self/fd/2`.',
    ].join('\n'),
    messages: {
      file: '`{{name}}: {{value}}` makes {{functions}} log to a file that disappears with its execution environment; log to standard output.',
    },
  },
  check({ model, report }) {
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        const value = env.literal?.trim();
        if (value && LOG_FILE_NAME.test(env.name) && /^(\/|\.{1,2}\/)[^\s]*$/.test(value) && !/^\/dev\/(stdout|stderr)$|^\/proc\/self\/fd\/[12]$/.test(value)) {
          report({ messageId: 'file', data: { name: env.name, value, functions: taker.names(env) }, range: env.range });
        }
      }
    }
  },
});
