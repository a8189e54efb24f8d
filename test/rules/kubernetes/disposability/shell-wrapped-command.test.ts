import rule from '../../../../server/src/core/rules/kubernetes/disposability/shell-wrapped-command';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (command: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, command);

testRule(rule, {
  valid: [
    { name: 'exec already', code: pod('          command: ["sh", "-c", "cp /config/app.yaml /app/ && exec node server.js"]\n') },
    { name: 'single command is exec\'d by the shell', code: pod('          command: ["sh", "-c", "node server.js --port=$PORT"]\n') },
    { name: 'exec form', code: pod('          command: ["node", "server.js"]\n') },
    { name: 'signals handled with trap', code: pod('          args: ["bash", "-c", "trap \'kill $!\' TERM; prepare; node server.js"]\n') },
    { name: 'exec on a line continued from the one before', code: pod('          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              pip install -r /app/requirements.txt && \\\n                exec gunicorn app:app\n') },
  ],
  invalid: [
    {
      name: 'two steps in a flow sequence',
      code: pod('          command: ["sh", "-c", "./prepare.sh && node server.js"]\n'),
      errors: [{ line: 11, column: 50, endLine: 11, endColumn: 64, messageId: 'noExec' }],
      output: pod('          command: ["sh", "-c", "./prepare.sh && exec node server.js"]\n'),
    },
    {
      name: 'block script in args',
      code: pod('          command: ["/bin/sh", "-ec"]\n          args:\n            - |\n              envsubst < /tpl/nginx.conf > /etc/nginx/nginx.conf\n              nginx -g "daemon off;"\n'),
      errors: [{ line: 15, column: 15, message: '`nginx -g daemon off;`' }],
      output: pod('          command: ["/bin/sh", "-ec"]\n          args:\n            - |\n              envsubst < /tpl/nginx.conf > /etc/nginx/nginx.conf\n              exec nginx -g "daemon off;"\n'),
    },
    {
      name: 'plain scalars with a semicolon',
      code: pod('          command:\n            - bash\n            - -c\n            - python manage.py collectstatic --noinput; gunicorn app.wsgi\n'),
      errors: [{ line: 14, column: 57 }],
      output: pod('          command:\n            - bash\n            - -c\n            - python manage.py collectstatic --noinput; exec gunicorn app.wsgi\n'),
    },
    {
      name: 'block script whose steps are joined by line continuations: the last step is on its own line',
      code: pod('          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              pip install genai-perf && \\\n                genai-perf profile -m small && \\\n                genai-perf profile -m large\n'),
      errors: [{ line: 16, column: 17, endLine: 16, endColumn: 44, message: '`genai-perf profile -m large` may run' }],
      output: pod('          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              pip install genai-perf && \\\n                genai-perf profile -m small && \\\n                exec genai-perf profile -m large\n'),
    },
    {
      name: 'a multi-line quoted program is quoted on one line in the message',
      code: pod("          command: [\"sh\", \"-c\"]\n          args:\n            - |\n              pip install filelock\n              python -c '\n              import filelock\n              print(filelock.__version__)\n              '\n"),
      errors: [{ line: 15, column: 15, message: '`python -c import filelock print(filelock.__version__)` may run' }],
      output: pod("          command: [\"sh\", \"-c\"]\n          args:\n            - |\n              pip install filelock\n              exec python -c '\n              import filelock\n              print(filelock.__version__)\n              '\n"),
    },
    {
      name: 'leading assignment: reported without a fix',
      code: pod('          command: ["sh", "-c", "cd /app; NODE_OPTIONS=--max-old-space-size=512 node server.js"]\n'),
      errors: [{ line: 11, column: 43 }],
      output: null,
    },
  ],
});
