import rule from '../../../../server/src/core/rules/kubernetes/config/plaintext-secret-manifest';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'placeholders only', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: orders}\nstringData:\n  DB_PASSWORD: changeme\n  API_KEY: ""\n' },
    { name: 'Helm templated data', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: orders}\ndata:\n  password: {{ .Values.password | b64enc | quote }}\n' },
    { name: 'service account token filled by the cluster', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-token\n  annotations: {kubernetes.io/service-account.name: ci}\ntype: kubernetes.io/service-account-token\n' },
    { name: 'SealedSecret is a custom resource', code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: orders}\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n' },
    { name: 'base64 of a placeholder', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: orders}\ndata:\n  password: Y2hhbmdlbWU=\n' },
    {
      // podinfo's kustomize/secret.yaml: the plain copy of a SOPS-encrypted Secret, `***SOPS***` base64-encoded.
      name: 'redaction markers, base64-encoded or not',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: podinfo-token}\ndata:\n  token2: KioqU09QUyoqKgo=\nstringData:\n  token3: "**REDACTED**"\n  token4: redacted\n',
    },
    // n8n's queue-mode manifests: fill-in values in camel case, beside a database name and user names.
    { name: "placeholders in camel case and with a dash (`changePassword`, `changeThis`, `change-this`)", code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: postgres-secret, namespace: n8n}\ntype: Opaque\nstringData:\n  POSTGRES_USER: changeUser\n  POSTGRES_PASSWORD: changePassword\n  POSTGRES_DB: n8n\n  N8N_ENCRYPTION_KEY: changeThis\n  N8N_RUNNERS_AUTH_TOKEN: change-this\n' },
    { name: 'a value that says it is fake (deliveryhero backstage chart default)', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: backend}\nstringData:\n  TRAVISCI_AUTH_TOKEN: fake-travis-ci-auth-token\n' },
    // manosriram/homelab-k8s gatus/secret.example.yml: folders, not credentials.
    { name: 'settings that say where something is', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: gatus-env\ntype: Opaque\nstringData:\n  GATUS_CONFIG_PATH: /config\n  GATUS_DATA_PATH: /data\n' },
    // firefly-iii's kustomize folder: placeholders to replace; gdgdemo-k8s: a file the repository ignores.
    {
      name: "a secretGenerator's placeholders and files",
      filename: 'kustomization.yaml',
      code: 'resources: [deployment.yaml]\nsecretGenerator:\n- name: firefly-iii-secrets\n  literals:\n  - db_password=CHANGEMECHANGEME\n  - static_cron_token=CHANGE12CHAR\n- name: app-secrets\n  envs: [secrets/secrets.env]\n',
    },
    {
      // Phssilva/qfieldcloud_k8s: every credential is a fill-in; what is filled in says where the database is.
      name: 'credentials left as placeholders beside settings (hosts, ports, names)',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  SECRET_KEY: "change-me-to-a-secure-random-string"\n  POSTGRES_PASSWORD: "change-me-to-secure-password"\n  POSTGRES_DB: "qfieldcloud_db"\n  POSTGRES_USER: "qfieldcloud"\n  POSTGRES_HOST: "app-postgres"\n  POSTGRES_PORT: "5432"\n  STORAGE_REGION: "us-east-1"\n',
    },
    {
      // memenow/dyvine (review set 82): fill-ins written as plain text under `data`: no base64, so no value the API server takes.
      name: 'placeholders written as plain text under data',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: dyvine-secrets\ntype: Opaque\ndata:\n  SECURITY_SECRET_KEY: PLACEHOLDER\n  SECURITY_API_KEY: PLACEHOLDER\n  R2_SECRET_ACCESS_KEY: PLACEHOLDER\n',
    },
    {
      // amazeeio/amazee.ai (review set 82): a fill-in after a vendor's key prefix.
      name: "a vendor key's fill-in (sk_test_your_…)",
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: backend\nstringData:\n  stripe-secret-key: sk_test_your_stripe_secret_key\n  aws-secret-key: your_aws_secret_key\n',
    },
    {
      // 0xbhvn/oz-monitor-orchestrator (review set 84): endpoints without credentials, one with a fill-in for its key.
      name: 'URLs with no credentials in them',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: rpc-endpoints\ntype: Opaque\nstringData:\n  ethereum: "https://eth-mainnet.g.alchemy.com/v2/YOUR_API_KEY"\n  stellar: "https://horizon.stellar.org"\n',
    },
  ],
  invalid: [
    {
      name: 'stringData with real values',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\ntype: Opaque\nstringData:\n  username: orders\n  password: "x9!fQ2#pLm"\n',
      errors: [{ line: 6, column: 1, endLine: 6, endColumn: 11, message: '2 literal values in `stringData`' }],
    },
    {
      name: 'asterisks around a value are not a redaction marker when the value is a secret',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: odd}\nstringData:\n  token: "**x9!fQ2#pLm**"\n',
      errors: [{ line: 4, column: 1, message: '`token`' }],
    },
    {
      name: 'base64 data',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ndata:\n  token: c3VwZXItc2VjcmV0LXRva2Vu\n',
      errors: [{ line: 4, column: 1, message: '`token`' }],
    },
    {
      name: 'inside a List, both fields',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: mixed}\n    data:\n      a: c3VwZXItc2VjcmV0LXRva2Vu\n    stringData:\n      b: another-real-secret\n',
      errors: [{ line: 7, column: 5, message: '`data`' }, { line: 9, column: 5, message: '`stringData`' }],
    },
    {
      name: 'a base64 secret that starts with a slash under a path-like key is still a value',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: keys}\nstringData:\n  KEY_FILE: "/9j/4AAQSkZJRg+Ab=="\n  API_TOKEN: /tmp/not-a-path-name\n',
      errors: [{ line: 4, column: 1, message: '2 literal values in `stringData` (`KEY_FILE`, `API_TOKEN`)' }],
    },
    {
      // zawthanoo/argocd-apps keeps the uat credentials in the overlay's generator.
      name: "a secretGenerator's literal values",
      filename: 'overlays/uat/kustomization.yaml',
      code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\nsecretGenerator:\n  - name: api\n    literals:\n      - DB_USER=orders\n      - DB_PASSWORD="88888-x9!fQ"\n      - DB_HOST_FILE=/etc/db/host\n',
      errors: [{ line: 6, column: 5, endColumn: 13, messageId: 'generator', message: 'Secret generator `api` commits 2 literal values in `literals` (`DB_PASSWORD`, `DB_USER`)' }],
    },
    {
      name: 'a real password beside placeholders and settings: only the credential counts',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  SECRET_KEY: "change-me"\n  POSTGRES_HOST: "app-postgres"\n  POSTGRES_PASSWORD: "Zq8-rT41-xw9"\n',
      errors: [{ line: 4, column: 1, message: 'commits 1 literal value in `stringData` (`POSTGRES_PASSWORD`)' }],
    },
    {
      name: 'a Secret whose name is not known is not called `?`',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  labels: {app: db}\nstringData:\n  surreal-password: "Zq8-rT41-xw9"\n',
      errors: [{ line: 5, column: 1, message: 'This Secret commits 1 literal value in `stringData` (`surreal-password`)' }],
    },
    {
      // The same Secret with a Slack webhook: its credential is in the path.
      name: 'a webhook URL beside plain endpoints',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: rpc-endpoints\ntype: Opaque\nstringData:\n  stellar: "https://horizon.stellar.org"\n  alerts: "https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/Zx9qLmP4rT7vW2yK8nB3cD6f"\n',
      errors: [{ line: 6, column: 1, message: 'commits 1 literal value in `stringData` (`alerts`)' }],
    },
  ],
});
