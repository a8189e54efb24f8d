import rule from '../../../../server/src/core/rules/kubernetes/config/secret-in-configmap';
import { testRule } from '../../../helpers/rule-tester';

const cm = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
data:
${data}`;

testRule(rule, {
  valid: [
    { name: 'plain settings', code: cm('  LOG_LEVEL: info\n  DB_HOST: orders-db.shop.svc.cluster.local\n  DB_PASSWORD_FILE: /etc/secrets/db-password\n') },
    { name: 'config file reading the secret from the environment', code: cm('  application.properties: |\n    spring.datasource.url=jdbc:postgresql://orders-db:5432/orders\n    spring.datasource.password=${DB_PASSWORD}\n    # password=examplepass\n') },
    { name: 'code in an embedded script reads the token from the environment', code: cm('  serve.py: |\n    tokenizer = AutoTokenizer.from_pretrained(\n        model_id,\n        token=os.environ["HUGGING_FACE_HUB_TOKEN"]\n    )\n') },
    { name: 'a settings file may compute a value too', code: cm('  settings.conf: |\n    api_key = getenv("API_KEY")\n') },
    { name: 'a script assigns a secret-named variable from a literal-looking word', code: cm('  entrypoint.sh: |\n    password=compat\n') },
    { name: 'nsswitch.conf names the passwd database', code: cm('  nsswitch.conf: |\n    passwd:         compat\n    group:          compat\n    shadow:         compat\n') },
    { name: 'an entry equal to its own name is a fill-in marker', code: cm('  HF_TOKEN: HF_TOKEN\n') },
    { name: 'a Secret is the right place (other rule)', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  DB_PASSWORD: hunter2hunter2\n' },
    { name: 'Helm templated value', code: cm('  API_KEY: "{{ .Values.apiKey }}"\n') },
    {
      name: 'connection URLs without a literal password: none, a reference, a fill-in marker, a documented placeholder',
      code: cm('  DATABASE_URL: postgres://app@orders-db:5432/orders\n  REPLICA_URL: postgres://app:${DB_PASSWORD}@replica/orders\n  READER_URL: postgres://app:$(DB_PASSWORD)@reader/orders\n  ANALYTICS_URL: "postgres://app:<password>@analytics/orders"\n  CACHE_URL: redis://:changeme@cache:6379/0\n'),
    },
    { name: 'a locator URL inside a config file, password from the environment', code: cm('  app.ini: |\n    [db]\n    url = postgres://app@orders-db/orders\n    password = ${DB_PASSWORD}\n') },
    { name: 'a JSON config file whose members hold no secret (a reference, an empty value, a host)', code: cm('  config: |\n    {\n      "db_host": "postgres",\n      "db_password": "${DB_PASSWORD}",\n      "api_token": "",\n      "bind_address": ":9090"\n    }\n') },
    // podkrepi-bg/api's sentry-config: a DSN without a password is where events go; Sentry documents it as public.
    { name: "Sentry DSNs, whose key part is public", code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sentry-config\ndata:\n  dsn-api: https://58b71cdea21f45c0bcbe5c1b49317973@o540074.ingest.sentry.io/5707518\n  SENTRY_DSN: https://e25f62860a394934878c2e21306a6b66@o540074.ingest.sentry.io/5657969\n' },
  ],
  invalid: [
    {
      name: 'a token shape inside an embedded script is still reported',
      code: cm('  deploy.sh: |\n    export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789AB\n'),
      errors: [{ line: 7, column: 25, messageId: 'fileSetting' }],
    },
    {
      name: 'secret by key name',
      code: cm('  LOG_LEVEL: info\n  DB_PASSWORD: "Tr0ub4dor&3"\n'),
      errors: [{ line: 7, column: 16, endLine: 7, endColumn: 29, messageId: 'entry', message: '`Tr**' }],
    },
    {
      name: 'password inside an application.yml block',
      code: cm('  application.yml: |\n    spring:\n      datasource:\n        url: jdbc:postgresql://orders-db:5432/orders\n        password: "p4ssw0rd-prod"\n'),
      errors: [{ line: 10, column: 19, endLine: 10, endColumn: 34, messageId: 'fileSetting', message: 'sets `password`' }],
    },
    {
      name: 'token shape under a neutral key, second document',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n' + cm('  slack: xoxb-123456789012-abcdefghijkl\n'),
      errors: [{ line: 10, column: 10, message: 'Slack token' }],
    },
    {
      name: 'a password inside a connection URL, masked in the message',
      code: cm('  LOG_LEVEL: info\n  DATABASE_URL: postgres://user:s3cret@db:5432/app\n  BROKER_URL: "amqp://orders:Rabb1t-pw@rabbitmq:5672/"\n'),
      errors: [
        { line: 7, column: 17, endColumn: 51, messageId: 'entry', message: '`postgres://user:****@db:5432/app`, recognised by a password inside a URL' },
        { line: 8, column: 15, messageId: 'entry', message: 'amqp://orders:****@rabbitmq:5672/' },
      ],
    },
    {
      name: 'a password inside a URL in a config file kept in the ConfigMap',
      code: cm('  application.properties: |\n    spring.datasource.url=jdbc:postgresql://app:Sup3rS3cret@db:5432/app\n'),
      errors: [{ line: 7, column: 27, messageId: 'fileSetting', message: 'jdbc:postgresql://app:****@db:5432/app' }],
    },
    {
      name: "a password in libpq's keyword/value connection string (HashiCups' db_connection)",
      code: cm('  db_connection: "host=postgres port=5432 user=postgres password=Sup3rS3cret dbname=products sslmode=disable"\n'),
      errors: [{ line: 6, column: 18, messageId: 'entry', message: 'password=****' }],
    },
    {
      name: "a JSON config file in the entry: the password inside its libpq connection string (HashiCups' products-api)",
      code: cm('  config: |\n    {\n      "db_connection": "host=postgres port=5432 user=postgres password=Sup3rS3cret dbname=products sslmode=disable",\n      "bind_address": ":9090"\n    }\n'),
      errors: [{ line: 8, column: 24, messageId: 'fileSetting', message: 'password=****' }],
    },
    {
      name: 'a DSN with a password in it',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DATABASE_DSN: mysql://app:Xk9vq2Lm@db:3306/app\n',
      errors: [{ line: 6, column: 17, messageId: 'entry', message: 'a password inside a URL' }],
    },
  ],
});
