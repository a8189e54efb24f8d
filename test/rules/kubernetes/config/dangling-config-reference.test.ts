import rule from '../../../../server/src/core/rules/kubernetes/config/dangling-config-reference';
import { testRule } from '../../../helpers/rule-tester';

const secret = (name: string) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
type: Opaque
stringData:
  password: change-me
`;

const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  LOG_LEVEL: info
`;

const deploy = (podSpec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
${podSpec}`;

const envFrom = (kind: 'secretKeyRef' | 'configMapKeyRef', name: string, extra = '') =>
  deploy(`      containers:
        - name: api
          image: shop/api:1.4.0
          env:
            - name: DB_PASSWORD
              valueFrom:
                ${kind}:
                  name: ${name}
                  key: password${extra}
`);

const tlsVolume = (secretName: string) =>
  deploy(`      containers:
        - name: api
          image: shop/api:1.4.0
      volumes:
        - name: tls-certs
          secret:
            secretName: ${secretName}
`);

const ingress = (annotation: string, secretName: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    ${annotation}
spec:
  tls:
    - hosts: [web.example.com]
      secretName: ${secretName}
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
`;

testRule(rule, {
  valid: [
    { name: 'the referenced Secret is defined in the same file', code: `${secret('db-credentials')}---\n${envFrom('secretKeyRef', 'db-credentials')}` },
    { name: 'the referenced Secret is defined in another file of the application', code: envFrom('secretKeyRef', 'db-credentials'), workspace: [{ filename: 'secret.yaml', code: secret('db-credentials') }] },
    { name: 'the application defines no Secret at all (created with kubectl or a secret manager)', code: `${configMap('api-config')}---\n${envFrom('secretKeyRef', 'db-credentials')}` },
    { name: 'an optional reference', code: `${secret('db-credentials')}---\n${envFrom('secretKeyRef', 'db-extra', '\n                  optional: true')}` },
    {
      name: 'a ConfigMap made by a Kustomize configMapGenerator with a name prefix',
      code: `${configMap('other')}---\n${envFrom('configMapKeyRef', 'api-env')}`,
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: prod-\nresources: [manifest.yaml]\nconfigMapGenerator:\n  - name: api-env\n    literals: [LOG_LEVEL=info]\n' }],
    },
    {
      name: 'a Secret made by the secretGenerator of a kustomization.yaml written without apiVersion and kind',
      code: `${secret('other')}---\n${envFrom('secretKeyRef', 'db-credentials')}`,
      workspace: [{ filename: 'kustomization.yaml', code: 'resources: [manifest.yaml]\nsecretGenerator:\n  - name: db-credentials\n    envs: [db.env]\n' }],
    },
    {
      name: 'an operator resource in the application may write the Secret',
      code: `${secret('app-settings')}---\n${envFrom('secretKeyRef', 'orders-db-app')}`,
      workspace: [{ filename: 'db.yaml', code: 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: orders-db\nspec:\n  instances: 3\n' }],
    },
    { name: 'the cluster-provided root CA ConfigMap', code: `${configMap('api-config')}---\n${deploy('      containers:\n        - name: api\n          image: shop/api:1.4.0\n      volumes:\n        - name: ca\n          configMap:\n            name: kube-root-ca.crt\n')}` },
    {
      // Argo CD's redis: an init container runs `argocd admin redis-initial-password`, which writes the Secret its Role lets it create.
      name: 'a Secret a pod of the application creates at start (its Role may create Secrets)',
      code: `${secret('argocd-secret')}---\n${envFrom('secretKeyRef', 'argocd-redis')}`,
      workspace: [{ filename: 'role.yaml', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: redis\nrules:\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [create]\n' }],
    },
    {
      // Argo CD's manifests/base: the notification controller's folder and the config folder are joined by the base above them.
      name: 'a ConfigMap of a sibling folder that the kustomization above both takes in',
      code: `${configMap('own-cm')}---\n${envFrom('configMapKeyRef', 'shared-cm')}`,
      filename: 'app/manifest.yaml',
      workspace: [
        { filename: 'app/kustomization.yaml', code: 'resources: [manifest.yaml]\n' },
        { filename: 'config/kustomization.yaml', code: 'resources: [shared-cm.yaml]\n' },
        { filename: 'config/shared-cm.yaml', code: configMap('shared-cm') },
        { filename: 'kustomization.yaml', code: 'resources: [app, config]\n' },
      ],
    },
    { name: 'a Helm template', code: `${secret('db-credentials')}---\n${envFrom('secretKeyRef', '{{ .Release.Name }}-db')}`, filename: 'templates/deployment.yaml' },
    {
      // Phssilva/qfieldcloud_k8s: cert-manager's ingress-shim issues the Ingress's TLS Secret, which the nginx pod mounts.
      name: 'the TLS Secret cert-manager issues for an annotated Ingress',
      code: `${secret('app-secrets')}---\n${tlsVolume('tls-certs')}---\n${ingress('cert-manager.io/cluster-issuer: letsencrypt', 'tls-certs')}`,
    },
    {
      name: 'the TLS Secret of an Ingress in another file, with the legacy tls-acme annotation',
      code: `${secret('app-secrets')}---\n${tlsVolume('web-tls')}`,
      workspace: [{ filename: 'ingress.yaml', code: ingress('kubernetes.io/tls-acme: "true"', 'web-tls') }],
    },
    {
      // MergHQ/rss-serve (review set 87): the committed Secret is the sealed-secrets controller's empty placeholder; the
      // database's comes from CloudNativePG's cluster.
      name: "a Secret the sealed-secrets controller manages: the application's Secrets are sealed outside the manifests",
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-jwt\n  annotations:\n    sealedsecrets.bitnami.com/managed: "true"\n---\n${envFrom('secretKeyRef', 'pg-app')}`,
    },
  ],
  invalid: [
    {
      name: 'a Role that only reads Secrets does not make one',
      code: `${secret('argocd-secret')}---\n${envFrom('secretKeyRef', 'argocd-redis')}`,
      workspace: [{ filename: 'role.yaml', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: redis\nrules:\n  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [get, list]\n' }],
      errors: [{ line: 27, column: 25, messageId: 'missing' }],
    },
    {
      name: 'a secretKeyRef with a typo next to the defined Secret',
      code: `${secret('db-credentials')}---\n${envFrom('secretKeyRef', 'db-credential')}`,
      errors: [{ line: 27, column: 25, endLine: 27, endColumn: 38, messageId: 'missing', message: 'reads Secret `db-credential`' }],
    },
    {
      name: 'envFrom configMapRef and a secret volume, Secret defined in another file',
      code: deploy(`      containers:
        - name: api
          image: shop/api:1.4.0
          envFrom:
            - configMapRef:
                name: api-settings
      volumes:
        - name: tls
          secret:
            secretName: api-tls
`),
      workspace: [{ filename: 'config.yaml', code: `${configMap('api-config')}---\n${secret('api-cert')}` }],
      errors: [
        { line: 17, column: 23, endColumn: 35, message: 'ConfigMap `api-settings`' },
        { line: 21, column: 25, endColumn: 32, message: 'Secret `api-tls`' },
      ],
    },
    {
      name: 'a projected volume naming a missing ConfigMap',
      code: `${configMap('api-config')}---\n${deploy('      containers:\n        - name: api\n          image: shop/api:1.4.0\n      volumes:\n        - name: all\n          projected:\n            sources:\n              - configMap:\n                  name: api-confg\n')}`,
      errors: [{ line: 27, column: 25, endColumn: 34, message: 'Volume `all` reads ConfigMap `api-confg`' }],
    },
    {
      name: 'an Ingress that names a TLS Secret but asks no issuer for it',
      code: `${secret('app-secrets')}---\n${tlsVolume('tls-certs')}---\n${ingress('nginx.ingress.kubernetes.io/ssl-redirect: "true"', 'tls-certs')}`,
      errors: [{ line: 26, column: 25, message: 'Volume `tls-certs` reads Secret `tls-certs`' }],
    },
    {
      name: 'a Secret annotated by another tool says nothing of where the others come from',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-jwt\n  annotations:\n    reloader.stakater.com/match: "true"\nstringData:\n  key: change-me\n---\n${envFrom('secretKeyRef', 'pg-app')}`,
      errors: [{ line: 28, column: 25, message: 'Secret `pg-app`' }],
    },
  ],
});
