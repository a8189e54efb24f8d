import rule from '../../../../server/src/core/rules/kubernetes/config/per-environment-configmap';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'neutral name and keys', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: production\ndata:\n  application.yml: |\n    server.port: 8080\n  LOG_LEVEL: info\n' },
    { name: 'words that only contain an environment name', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: product-catalog\ndata:\n  devices.json: "[]"\n  latest.yml: "a: 1"\n' },
    { name: 'Helm templated name', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}-{{ .Values.env }}"\ndata: {A: "1"}\n' },
    { name: 'a Deployment named -prod is not a ConfigMap', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-prod}\n' },
  ],
  invalid: [
    {
      name: 'ConfigMap named after prod',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config-prod\ndata:\n  application-prod.yml: "x: 1"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 24, messageId: 'name', message: '`prod`' }],
    },
    {
      name: 'Spring profile files side by side',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  application.yml: "x: 1"\n  application-dev.yml: "x: 2"\n  appsettings.Production.json: "{}"\n',
      errors: [{ line: 7, column: 3, endColumn: 22, messageId: 'key' }, { line: 8, column: 3, message: '`Production`' }],
    },
    {
      name: 'bare per-environment keys, second document',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  staging: "url=a"\n  production: "url=b"\n',
      errors: [{ line: 10, column: 3, message: '`staging`' }, { line: 11, column: 3, message: '`production`' }],
    },
  ],
});
