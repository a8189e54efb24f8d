import rule from '../../../../server/src/core/rules/kubernetes/concurrency/process-manager-in-command';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (command: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, command);

testRule(rule, {
  valid: [
    { name: 'pm2-runtime is made for containers', code: pod('          command: ["pm2-runtime", "ecosystem.config.js"]\n') },
    { name: 'plain node', code: pod('          command: ["node", "server.js"]\n') },
    { name: 'supervisord mentioned in a path argument only', code: pod('          args: ["--config", "/etc/supervisord.conf"]\n') },
    { name: 'pm2 logs is not starting anything', code: pod('          command: ["pm2", "logs"]\n') },
    { name: 'npm-run-all without --parallel runs a migration, then the server, one after the other', code: pod('          command: ["npm-run-all", "migrate", "start"]\n') },
  ],
  invalid: [
    { name: 'supervisord', code: pod('          command: ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]\n'), errors: [{ line: 11, column: 22, endLine: 11, endColumn: 42, messageId: 'manager' }] },
    { name: 'pm2 start in a shell script', code: pod('          command: ["sh", "-c"]\n          args:\n            - npx pm2 start app.js -i max && npx pm2 logs\n'), errors: [{ line: 13, column: 19, endColumn: 22, message: '`pm2`' }] },
    { name: 'honcho runs a whole Procfile', code: pod('          command:\n            - honcho\n            - start\n'), errors: [{ line: 12, column: 15 }] },
    { name: 'forever in a block script', code: pod('          command:\n            - /bin/sh\n            - -c\n            - |\n              cd /app\n              forever start -c node server.js\n'), errors: [{ line: 16, column: 15, endColumn: 22 }] },
    { name: 'concurrently runs the API and the worker side by side (a list the Dockerfile rule shares)', code: pod('          command: ["concurrently", "npm:api", "npm:worker"]\n'), errors: [{ line: 11, column: 22, endColumn: 34, message: '`concurrently`' }] },
    { name: 'npm-run-all --parallel through npx', code: pod('          command: ["npx", "npm-run-all", "-p", "web", "worker"]\n'), errors: [{ line: 11, column: 29, message: '`npm-run-all`' }] },
  ],
});
