import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/cron-daemon-in-pod';
import { testRule } from '../../../helpers/rule-tester';

const pod = (command: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: jobs
spec:
  template:
    spec:
      containers:
        - name: jobs
          image: shop/web:1.4.2
${command}`;

testRule(rule, {
  valid: [
    { name: 'worker process', code: pod('          command: ["celery", "-A", "app", "worker"]\n') },
    { name: 'crontab file as an argument of the app', code: pod('          args: ["--schedule-file", "/etc/crontab"]\n') },
    { name: 'CronJob is the right tool', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@hourly"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              image: shop/web:1.4.2\n              command: ["python", "manage.py", "clearsessions"]\n' },
  ],
  invalid: [
    { name: 'crond in foreground', code: pod('          command: ["crond", "-f", "-l", "2"]\n'), errors: [{ line: 11, column: 22, endLine: 11, endColumn: 27, messageId: 'cron' }] },
    { name: 'supercronic', code: pod('          command: ["supercronic", "/app/crontab"]\n'), errors: [{ line: 11, column: 22, message: '`supercronic`' }] },
    { name: 'busybox crond after setup', code: pod('          command: ["sh", "-c", "crontab /etc/cron.d/app && exec busybox crond -f"]\n'), errors: [{ line: 11, column: 74 }] },
  ],
});
