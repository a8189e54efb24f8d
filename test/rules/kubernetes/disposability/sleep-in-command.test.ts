import rule from '../../../../server/src/core/rules/kubernetes/disposability/sleep-in-command';
import { testRule } from '../../../helpers/rule-tester';

const pod = (command: string, key = 'containers') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      ${key}:
        - name: web
          image: shop/web:1.4.2
${command}`;

testRule(rule, {
  valid: [
    { name: 'init container waits: the platform way', code: pod('          command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]\n', 'initContainers') },
    { name: 'sleep as the whole command (debug pod)', code: pod('          command: ["sleep", "infinity"]\n') },
    { name: 'app with a sleep flag', code: pod('          command: ["node", "server.js", "--sleep", "5"]\n') },
    { name: 'sleep pacing a loop body is not a start-up delay', code: pod('          command: ["/bin/sh", "-c", "while true; do echo $(date) >> /mnt/out/log; sleep 1; done"]\n') },
    { name: 'a sleep in a here-document written to a file runs nothing', code: pod('          command: ["sh", "-c"]\n          args:\n            - |\n              cat <<\'EOF\' > /app/retry.sh\n              sleep 30\n              EOF\n              exec node server.js\n') },
    {
      name: 'a Helm post-install hook Job waits for the service it must call: its task, not a delayed start',
      code: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bootstrap\n  annotations:\n    helm.sh/hook: post-install,post-upgrade\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: bootstrap\n          image: curlimages/curl:8.10.1\n          command:\n            - /bin/sh\n            - -ec\n            - |\n              until curl -sf http://webui/health >/dev/null; do\n                sleep 5\n              done\n              curl -sf -X POST http://webui/api/v1/keys\n",
    },
  ],
  invalid: [
    { name: 'sleep before the app', code: pod('          command: ["sh", "-c", "sleep 15 && exec node server.js"]\n'), errors: [{ line: 11, column: 34, endLine: 11, endColumn: 42, messageId: 'sleep', message: '15s' }] },
    { name: 'wait-for-it in exec form', code: pod('          args: ["./wait-for-it.sh", "db:5432", "--", "node", "server.js"]\n'), errors: [{ line: 11, column: 19, messageId: 'wait' }] },
    {
      name: 'until loop on pg_isready',
      code: pod('          command: ["/bin/bash", "-c"]\n          args:\n            - |\n              until pg_isready -h db; do sleep 2; done\n              exec gunicorn app.wsgi\n'),
      errors: [{ line: 14, column: 15, messageId: 'wait' }],
    },
  ],
});
