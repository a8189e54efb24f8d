import rule from '../../../../server/src/core/rules/kubernetes/logs/log-tailing-sidecar';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (sidecar: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, `        - name: log\n          image: busybox:1.36.1\n${sidecar}`);

testRule(rule, {
  valid: [
    { name: 'keep-alive tail of /dev/null', code: pod('          command: ["tail", "-f", "/dev/null"]\n') },
    { name: 'tail without follow', code: pod('          command: ["tail", "-n", "100", "/var/log/app.log"]\n') },
    { name: 'other sidecar', code: pod('          command: ["sh", "-c", "while true; do wget -qO- http://localhost:8080/metrics; sleep 30; done"]\n') },
  ],
  invalid: [
    { name: 'tail -F', code: pod('          args: [/bin/sh, -c, "tail -n+1 -F /var/log/app/access.log"]\n'), errors: [{ line: 13, column: 32, endLine: 13, endColumn: 68, messageId: 'tail' }] },
    { name: 'exec form with --follow=name', code: pod('          command:\n            - tail\n            - --follow=name\n            - /logs/app.log\n'), errors: [{ line: 14, column: 15, message: '`/logs/app.log`' }] },
    { name: 'two files', code: pod('          command: ["tail", "-f", "/var/log/a.log", "/var/log/b.log"]\n'), errors: [{ line: 13, column: 22 }] },
  ],
});
