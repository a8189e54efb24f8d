import rule from '../../../../server/src/core/rules/kubernetes/dev-prod-parity/dev-server-command';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (command: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, command);

testRule(rule, {
  valid: [
    { name: 'production node', code: pod('          command: ["node", "dist/server.js"]\n') },
    { name: 'uvicorn without reload', code: pod('          args: ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "2"]\n') },
    { name: 'npm start', code: pod('          command: ["npm", "start"]\n') },
    { name: 'next start', code: pod('          command: ["npx", "next", "start", "-p", "3000"]\n') },
  ],
  invalid: [
    { name: 'nodemon', code: pod('          command: ["npx", "--yes", "nodemon", "server.js"]\n'), errors: [{ line: 11, column: 38, endLine: 11, endColumn: 45, messageId: 'devServer' }] },
    { name: 'uvicorn --reload in a script', code: pod('          command: ["sh", "-c", "exec uvicorn app.main:app --reload --host 0.0.0.0"]\n'), errors: [{ line: 11, column: 60, endColumn: 68, message: '`--reload`' }] },
    { name: 'django runserver', code: pod('          command:\n            - python\n            - manage.py\n            - runserver\n            - 0.0.0.0:8000\n'), errors: [{ line: 14, column: 15 }] },
    { name: 'npm run dev', code: pod('          args: [npm, run, dev]\n'), errors: [{ line: 11, column: 18 }] },
  ],
});
