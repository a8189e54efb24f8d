import rule from '../../../../server/src/core/rules/kubernetes/dev-prod-parity/dev-server-command';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (command: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, command);
const keycloak = (command: string, image = 'quay.io/keycloak/keycloak:26.0.7') => deploymentYaml({ name: 'keycloak', image }, command);

testRule(rule, {
  valid: [
    { name: 'production node', code: pod('          command: ["node", "dist/server.js"]\n') },
    { name: 'uvicorn without reload', code: pod('          args: ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "2"]\n') },
    { name: 'npm start', code: pod('          command: ["npm", "start"]\n') },
    { name: 'next start', code: pod('          command: ["npx", "next", "start", "-p", "3000"]\n') },
    { name: 'Keycloak in production mode', code: keycloak('          args: ["start", "--optimized", "--hostname=auth.example.com"]\n') },
    { name: 'start-dev handed to an image that is not Keycloak', code: keycloak('          args: ["start-dev"]\n', 'example/keycloak-config-cli:6.1.6') },
    { name: 'a command of its own: start-dev is an argument of that program', code: keycloak('          command: ["/scripts/wait-for-db.sh"]\n          args: ["start-dev"]\n') },
    { name: 'npm has no dev command (npm dev fails)', code: pod('          command: ["npm", "dev"]\n') },
    { name: 'hugo building the site', code: pod('          command: ["hugo", "--minify"]\n') },
    { name: 'uWSGI with its reloader off', code: pod('          command: ["uwsgi", "--ini", "uwsgi.ini", "--py-autoreload", "0"]\n') },
  ],
  invalid: [
    { name: 'nodemon', code: pod('          command: ["npx", "--yes", "nodemon", "server.js"]\n'), errors: [{ line: 11, column: 38, endLine: 11, endColumn: 45, messageId: 'devServer' }] },
    { name: 'uvicorn --reload in a script', code: pod('          command: ["sh", "-c", "exec uvicorn app.main:app --reload --host 0.0.0.0"]\n'), errors: [{ line: 11, column: 60, endColumn: 68, message: '`--reload`' }] },
    { name: 'django runserver', code: pod('          command:\n            - python\n            - manage.py\n            - runserver\n            - 0.0.0.0:8000\n'), errors: [{ line: 12, column: 15, endLine: 14, endColumn: 24, message: '`python manage.py runserver`' }] },
    { name: 'npm run dev', code: pod('          args: [npm, run, dev]\n'), errors: [{ line: 11, column: 18, endColumn: 31, message: '`npm run dev`' }] },
    { name: 'Keycloak started in development mode by its image', code: keycloak('          args: ["start-dev", "--http-port=8080"]\n'), errors: [{ line: 11, column: 19, endColumn: 28, message: '`start-dev`' }] },
    { name: 'kc.sh start-dev written out', code: keycloak('          command: ["/opt/keycloak/bin/kc.sh", "start-dev"]\n'), errors: [{ line: 11, column: 22, endColumn: 58, message: '`/opt/keycloak/bin/kc.sh start-dev`' }] },
    { name: 'astro dev', code: pod('          command: ["npx", "astro", "dev", "--host"]\n'), errors: [{ line: 11, column: 29, endColumn: 41, message: '`astro dev`' }] },
    { name: "PHP's built-in server", code: pod('          command: ["php", "-S", "0.0.0.0:8080", "-t", "public"]\n'), errors: [{ line: 11, column: 22, endColumn: 31, message: '`php -S`' }] },
    { name: "uWSGI's reloader (Grafana OnCall's dev mode)", code: pod('          command: ["uwsgi", "--ini", "uwsgi.ini", "--py-autoreload", "3"]\n'), errors: [{ line: 11, column: 53, endColumn: 73, message: '`--py-autoreload 3`' }] },
    { name: 'flask run behind a tracer and `python -m`: the runners the Dockerfile rules drop', code: pod('          command: ["ddtrace-run", "python", "-m", "flask", "run", "--host=0.0.0.0"]\n'), errors: [{ line: 11, column: 53, endColumn: 65, message: '`flask run`' }] },
  ],
});
