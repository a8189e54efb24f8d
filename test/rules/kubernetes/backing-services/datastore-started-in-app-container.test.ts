import rule from '../../../../server/src/core/rules/kubernetes/backing-services/datastore-started-in-app-container';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deploy = (container: string, image = 'shop/web:3.0.1') => deploymentYaml({ name: 'web', image, selector: true }, container);

testRule(rule, {
  valid: [
    { name: 'redis image starting redis-server is the service deployed properly', code: deploy('          command: ["redis-server", "/etc/redis/redis.conf"]\n', 'redis:7.2.5') },
    { name: 'a datastore named in an argument is not started', code: deploy('          args: ["--cache-backend", "--session-store=redis-server", "--db=mongodb"]\n') },
    { name: 'clients and dumps are not daemons', code: deploy('          command: ["sh", "-c", "redis-cli -h cache ping && mongodump --uri $MONGO_URI && exec ./web"]\n') },
    { name: 'a Helm value before the program in the same command (it may make it an argument)', code: deploy('          command: ["sh", "-c", "{{ .Values.cmd }} redis-server"]\n') },
  ],
  invalid: [
    {
      name: 'redis-server in the background before the app',
      code: deploy('          command: ["sh", "-c", "redis-server --daemonize yes && exec node server.js"]\n'),
      errors: [{ line: 15, column: 34, endLine: 15, endColumn: 46, message: '`redis-server`' }],
    },
    {
      name: 'service postgresql start in a script',
      code: deploy('          args:\n            - |\n              service postgresql start\n              exec gunicorn app:app\n'),
      errors: [{ line: 17, column: 15, endColumn: 39, message: 'service postgresql start' }],
    },
    {
      name: 'exec-form mongod with a path',
      code: deploy('          command: [/usr/bin/mongod, --fork, --logpath, /var/log/mongod.log]\n'),
      errors: [{ line: 15, column: 21, endColumn: 36 }],
    },
  ],
});
