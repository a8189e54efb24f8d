import rule from '../../../../server/src/core/rules/kubernetes/concurrency/background-process-in-command';
import { testRule } from '../../../helpers/rule-tester';

const pod = (command: string, container = 'containers') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      ${container}:
        - name: web
          image: shop/web:1.4.2
${command}`;

testRule(rule, {
  valid: [
    { name: 'trap and wait forwards signals to one process', code: pod('          command: ["sh", "-c", "trap \'kill -TERM $PID\' TERM; node server.js & PID=$!; wait $PID"]\n') },
    { name: 'redirect with &> is not a background job', code: pod('          command: ["bash", "-c", "node server.js &>/dev/stdout"]\n') },
    { name: 'exec form has no shell', code: pod('          command: ["node", "server.js", "&"]\n') },
    { name: 'init container may background nothing of ours', code: pod('          command: ["sh", "-c", "sleep 1 & wait"]\n', 'initContainers') },
  ],
  invalid: [
    { name: 'worker next to web', code: pod('          command: ["sh", "-c", "node worker.js & node server.js"]\n'), errors: [{ line: 11, column: 34, endLine: 11, endColumn: 48, messageId: 'background', message: '`node worker.js &`' }] },
    { name: 'nginx and php-fpm', code: pod('          command: ["/bin/bash", "-c"]\n          args:\n            - |\n              php-fpm -D &\n              nginx -g "daemon off;"\n'), errors: [{ line: 14, column: 15 }] },
    { name: 'two background jobs then wait', code: pod('          args: ["sh", "-c", "celery -A app worker & celery -A app beat & wait"]\n'), errors: [{ line: 11, column: 31 }, { line: 11, column: 54 }] },
  ],
});
