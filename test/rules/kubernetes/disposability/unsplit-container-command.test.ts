import rule from '../../../../server/src/core/rules/kubernetes/disposability/unsplit-container-command';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

/** The Deployment of test/helpers/manifests.ts; `key: 'initContainers'` makes its one container an init container. */
const pod = (tail: string, key = 'containers') => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, tail).replace('      containers:', `      ${key}:`);

testRule(rule, {
  valid: [
    { name: 'one word per item', code: pod('          command: ["npm", "run", "start"]\n') },
    { name: 'a script handed to a shell', code: pod('          command: ["/bin/sh", "-c", "npm run migrate && exec npm start"]\n') },
    { name: 'args are the entrypoint\'s to read (it may be a shell)', code: pod('          args: ["bundle exec puma -C config/puma.rb"]\n') },
    { name: 'exec probes with one word per item, and a block list', code: pod('          livenessProbe:\n            exec:\n              command: ["cat", "/tmp/healthy"]\n          readinessProbe:\n            exec:\n              command:\n                - pg_isready\n                - -U\n                - app\n') },
    { name: 'a Windows program path with a space', code: pod('          command: ["C:\\\\Program Files\\\\App\\\\app.exe", "--serve"]\n') },
    { name: 'an unrendered Helm value', code: pod('          command: ["{{ .Values.command }}"]\n') },
  ],
  invalid: [
    {
      name: 'a whole command line as the program (the CronJob of DocSpring\'s chart rendered its command this way)',
      code: pod('          command: ["run_as_deploy rake submissions:enqueue_expiry_jobs"]\n'),
      errors: [{ line: 11, column: 21, endColumn: 73, messageId: 'command', message: 'runs a program named `run_as_deploy rake submissions:enqueue_expiry_jobs`' }],
    },
    {
      name: 'an init container in block style, and a liveness probe that always fails',
      code: pod('          command:\n            - python manage.py migrate\n', 'initContainers') + '          livenessProbe:\n            exec:\n              command: ["cat /tmp/healthy"]\n',
      errors: [
        { line: 12, column: 15, endColumn: 39, messageId: 'command' },
        { line: 15, column: 25, endColumn: 43, messageId: 'handler', message: 'The liveness probe of container `web`' },
      ],
    },
    {
      name: 'a preStop hook',
      code: pod('          lifecycle:\n            preStop:\n              exec:\n                command: ["nginx -s quit"]\n'),
      errors: [{ line: 14, column: 27, endColumn: 42, message: 'preStop hook' }],
    },
  ],
});
