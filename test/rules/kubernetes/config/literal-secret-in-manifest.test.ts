import rule from '../../../../server/src/core/rules/kubernetes/config/literal-secret-in-manifest';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (env: string, name = 'orders') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
        - name: orders
          image: shop/orders:2.3.1
          env:
${env}`;

testRule(rule, {
  valid: [
    { name: 'secretKeyRef is the remedy', code: deploy('            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: orders-db, key: password}\n') },
    { name: 'placeholders, references and harmless names', code: deploy('            - name: DB_PASSWORD\n              value: changeme\n            - name: API_TOKEN\n              value: $(INJECTED_TOKEN)\n            - name: TOKEN_TTL\n              value: "3600"\n            - name: PASSWORD_FILE\n              value: /run/secrets/db-password\n            - name: DATABASE_URL\n              value: postgres://orders-db.shop.svc:5432/orders\n') },
    { name: 'a value equal to its own name is a fill-in marker', code: deploy('            - name: HF_TOKEN\n              value: "HF_TOKEN"\n            - name: API_KEY\n              value: YOUR_API_KEY\n            - name: NGC_API_KEY\n              value: "nvapi-NVKEY"\n            - name: MYSQL_ROOT_PASSWORD\n              value: yourpassword\n') },
    // metabase's chart: a password policy, not a password.
    { name: 'a setting about passwords is not one', code: deploy('            - name: MB_PASSWORD_COMPLEXITY\n              value: normal\n            - name: KEYCLOAK_PASSWORD_POLICY\n              value: "length(12)"\n') },
    { name: 'Helm template value', code: deploy('            - name: STRIPE_SECRET_KEY\n              value: "{{ .Values.stripe.secretKey }}"\n') },
    { name: 'secret-manager reference', code: deploy('            - name: DB_PASSWORD\n              value: vault:secret/data/orders#password\n') },
    { name: 'Kustomize patch with a non-secret env', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders}\nspec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          env:\n            - {name: LOG_LEVEL, value: debug}\n' },
    // open-webui's oikb chart: a bootstrap Job is told which Secret (`SECRET_NAME`) and which key of it (`SECRET_KEY`) to write.
    { name: 'SECRET_KEY beside SECRET_NAME names a key of that Secret', code: deploy('            - name: SECRET_NAME\n              value: "oikb-owui-key"\n            - name: SECRET_KEY\n              value: "open-webui-api-key"\n            - name: DB_SECRET_NAME\n              value: orders-db\n            - name: DB_SECRET_KEY\n              value: password\n') },
    { name: 'a webhook receiver in the cluster, and Slack\'s documentation sample, are not credentials', code: deploy('            - name: ALERTMANAGER_WEBHOOK_URL\n              value: http://alert-receiver.monitoring:9093/hook\n            - name: SLACK_WEBHOOK_URL\n              value: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n') },
  ],
  invalid: [
    {
      name: 'secret by name, fixed to a secretKeyRef',
      code: deploy('            - name: DB_PASSWORD   # prod password\n              value: "s3cr3t-Pa55word"\n            - name: LOG_LEVEL\n              value: info\n'),
      errors: [{ line: 17, column: 22, endLine: 17, endColumn: 39, message: '`s3c********`' }],
      output: deploy('            - name: DB_PASSWORD   # prod password\n              valueFrom:\n                secretKeyRef:\n                  name: orders-secrets\n                  key: DB_PASSWORD\n            - name: LOG_LEVEL\n              value: info\n'),
    },
    {
      // Azure-Samples/aks-store-demo: the broker's real password is the word itself; only fill-in markers such as `changeme` are placeholders.
      name: 'the word "password" as the value is the credential the pod runs with',
      code: deploy('            - name: RABBITMQ_DEFAULT_PASS\n              value: "password"\n'),
      errors: [{ line: 17, column: 22, message: '`pa******`' }],
      output: deploy('            - name: RABBITMQ_DEFAULT_PASS\n              valueFrom:\n                secretKeyRef:\n                  name: orders-secrets\n                  key: RABBITMQ_DEFAULT_PASS\n'),
    },
    {
      name: 'secret by shape under a neutral name, 4-space file, URL credentials masked',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: worker\nspec:\n    containers:\n        -   name: worker\n            image: shop/worker:1.0.0\n            env:\n                -   name: UPSTREAM\n                    value: AKIAIOSFODNN7EXAMPLE\n                -   name: DATABASE_URL\n                    value: postgres://orders:hunter2hunter@db:5432/orders\n',
      errors: [
        { line: 11, column: 28, messageId: 'secret', message: 'AWS access key' },
        { line: 13, column: 28, message: 'postgres://orders:****@db:5432/orders' },
      ],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: worker\nspec:\n    containers:\n        -   name: worker\n            image: shop/worker:1.0.0\n            env:\n                -   name: UPSTREAM\n                    valueFrom:\n                        secretKeyRef:\n                            name: worker-secrets\n                            key: UPSTREAM\n                -   name: DATABASE_URL\n                    valueFrom:\n                        secretKeyRef:\n                            name: worker-secrets\n                            key: DATABASE_URL\n',
    },
    {
      name: 'init container in a CronJob, flow-style entry: reported without a fix',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n            - name: login\n              image: shop/tools:1.0.0\n              env: [{name: GITHUB_TOKEN, value: ghp_abcdefghijklmnopqrstuvwxyz0123456789}]\n          containers:\n            - name: backup\n              image: shop/backup:1.0.0\n',
      errors: [{ line: 14, column: 49, endColumn: 89, message: 'GitHub token' }],
      output: null,
    },
    {
      name: "Django's SECRET_KEY beside another prefix's SECRET_NAME is still a secret",
      code: deploy('            - name: DB_SECRET_NAME\n              value: orders-db\n            - name: SECRET_KEY\n              value: "k2x9-Qm7v-Lp4r-8sZt"\n'),
      errors: [{ line: 19, column: 22, message: '`SECRET_KEY` holds a literal secret' }],
      output: deploy('            - name: DB_SECRET_NAME\n              value: orders-db\n            - name: SECRET_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: orders-secrets\n                  key: SECRET_KEY\n'),
    },
    {
      name: 'a Slack incoming-webhook URL is the credential itself, whatever the variable is called',
      code: deploy('            - name: ALERTS_URL\n              value: https://hooks.' + 'slack.com/services/T0A1B2C3D/B4E5F6G7H/aB3dE5gH7jK9mN1pQ3sT5vW7\n'),
      errors: [{ line: 17, column: 22, message: '`ALERTS_URL` holds a literal secret (`https://hooks.slack.com/services/****`, recognised by a Slack webhook URL)' }],
      output: deploy('            - name: ALERTS_URL\n              valueFrom:\n                secretKeyRef:\n                  name: orders-secrets\n                  key: ALERTS_URL\n'),
    },
  ],
});
