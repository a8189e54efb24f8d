import rule from '../../../../server/src/core/rules/kubernetes/disposability/shell-wrapped-command';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (command: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, command);
/** A container whose `command` is the shell and whose `args` is one block script of these lines. */
const script = (shell: string, ...lines: string[]) => pod(`          command: ${shell}\n          args:\n            - |\n${lines.map((line) => `              ${line}\n`).join('')}`);

testRule(rule, {
  valid: [
    { name: 'exec already', code: pod('          command: ["sh", "-c", "cp /config/app.yaml /app/ && exec node server.js"]\n') },
    { name: 'single command is exec\'d by the shell', code: pod('          command: ["sh", "-c", "node server.js --port=$PORT"]\n') },
    { name: 'exec form', code: pod('          command: ["node", "server.js"]\n') },
    { name: 'signals handled with trap', code: pod('          args: ["bash", "-c", "trap \'kill $!\' TERM; prepare; node server.js"]\n') },
    { name: 'exec on a line continued from the one before', code: script('["/bin/sh", "-c"]', 'pip install -r /app/requirements.txt && \\', '  exec gunicorn app:app') },
    {
      // ministryofjustice/laa-apply-for-criminal-legal-aid (review set 92): the server is clamd, earlier in the chain.
      name: 'a chain that ends with a one-shot client (clamdscan after clamd)',
      code: pod("          command: ['/bin/sh', '-c', 'freshclam && clamd && touch startup.txt && clamdscan startup.txt']\n"),
    },
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
      code: script('["/bin/sh", "-ec"]', 'envsubst < /tpl/nginx.conf > /etc/nginx/nginx.conf', 'nginx -g "daemon off;"'),
      errors: [{ line: 15, column: 15, message: '`nginx -g daemon off;`' }],
      output: script('["/bin/sh", "-ec"]', 'envsubst < /tpl/nginx.conf > /etc/nginx/nginx.conf', 'exec nginx -g "daemon off;"'),
    },
    {
      name: 'plain scalars with a semicolon',
      code: pod('          command:\n            - bash\n            - -c\n            - python manage.py collectstatic --noinput; gunicorn app.wsgi\n'),
      errors: [{ line: 14, column: 57 }],
      output: pod('          command:\n            - bash\n            - -c\n            - python manage.py collectstatic --noinput; exec gunicorn app.wsgi\n'),
    },
    {
      name: 'block script whose steps are joined by line continuations: the last step is on its own line',
      code: script('["/bin/sh", "-c"]', 'pip install genai-perf && \\', '  genai-perf profile -m small && \\', '  genai-perf profile -m large'),
      errors: [{ line: 16, column: 17, endLine: 16, endColumn: 44, message: '`genai-perf profile -m large` may run' }],
      output: script('["/bin/sh", "-c"]', 'pip install genai-perf && \\', '  genai-perf profile -m small && \\', '  exec genai-perf profile -m large'),
    },
    {
      name: 'a multi-line quoted program is quoted on one line in the message',
      code: script('["sh", "-c"]', 'pip install filelock', "python -c '", 'import filelock', 'print(filelock.__version__)', "'"),
      errors: [{ line: 15, column: 15, message: '`python -c import filelock print(filelock.__version__)` may run' }],
      output: script('["sh", "-c"]', 'pip install filelock', "exec python -c '", 'import filelock', 'print(filelock.__version__)', "'"),
    },
    {
      name: 'leading assignment: reported without a fix',
      code: pod('          command: ["sh", "-c", "cd /app; NODE_OPTIONS=--max-old-space-size=512 node server.js"]\n'),
      errors: [{ line: 11, column: 43 }],
      output: null,
    },
  ],
});
