import rule from '../../../../server/src/core/rules/kubernetes/logs/log-file-argument';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (extra: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, extra);

testRule(rule, {
  valid: [
    { name: 'gunicorn logging to stdout', code: pod('          command: ["gunicorn", "app.wsgi", "--access-logfile", "-", "--error-logfile", "-"]\n') },
    { name: 'TensorBoard reads its --logdir', code: pod('          command: ["tensorboard", "--logdir=/outputs/run-1", "--bind_all"]\n') },
    { name: 'log level flag', code: pod('          args: ["--log-level", "info", "--log-format=json"]\n') },
    { name: 'redirect to stdout and stderr merge', code: pod('          command: ["sh", "-c", "exec node server.js 2>&1"]\n') },
    { name: 'LOG_FILE to /dev/stdout', code: pod('          env:\n            - name: LOG_FILE\n              value: /dev/stdout\n') },
  ],
  invalid: [
    {
      name: 'gunicorn access log file: fixed to -',
      code: pod('          command: ["gunicorn", "app.wsgi", "--access-logfile", "/var/log/gunicorn/access.log"]\n'),
      errors: [{ line: 11, column: 66, endLine: 11, endColumn: 94, messageId: 'flag' }],
      output: pod('          command: ["gunicorn", "app.wsgi", "--access-logfile", "-"]\n'),
    },
    {
      name: 'gunicorn behind poetry run, block sequence with plain scalars and = form',
      code: pod('          args:\n            - poetry\n            - run\n            - gunicorn\n            - app.wsgi\n            - --error-logfile=/tmp/error.log\n            - --access-logfile\n            - /tmp/access.log\n'),
      errors: [{ line: 16, column: 15 }, { line: 18, column: 15 }],
      output: pod('          args:\n            - poetry\n            - run\n            - gunicorn\n            - app.wsgi\n            - --error-logfile=-\n            - --access-logfile\n            - "-"\n'),
    },
    {
      name: 'redirect and LOG_FILE env: no fix',
      code: pod('          command: ["sh", "-c", "exec node server.js >> /var/log/app.log"]\n          env:\n            - {name: LOG_FILE, value: /app/logs/app.log}\n'),
      errors: [{ line: 11, column: 57, messageId: 'redirect', message: '`node`' }, { line: 13, column: 39, messageId: 'env' }],
      output: null,
    },
    {
      // Istio's bookinfo: a folder is named as one.
      name: 'LOG_DIR names a folder',
      code: pod('          env:\n            - name: LOG_DIR\n              value: "/tmp/logs"\n'),
      errors: [{ line: 13, column: 22, messageId: 'env', message: '`LOG_DIR` points logging at the folder `/tmp/logs` in container `web`; log to stdout instead.' }],
      output: null,
    },
  ],
});
