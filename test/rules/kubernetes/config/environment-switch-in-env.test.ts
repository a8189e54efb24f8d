import rule from '../../../../server/src/core/rules/kubernetes/config/environment-switch-in-env';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deploy = (env: string) => deploymentYaml({ name: 'web', image: 'shop/web:3.0.1', selector: true }, `          env:\n${env}`);

testRule(rule, {
  valid: [
    { name: 'production values are the right switch', code: deploy('            - name: NODE_ENV\n              value: production\n            - name: RAILS_ENV\n              value: "production"\n            - name: SPRING_PROFILES_ACTIVE\n              value: kubernetes\n') },
    { name: 'DEBUG as a namespace filter, debug flags off', code: deploy('            - name: DEBUG\n              value: "express:router"\n            - name: FLASK_DEBUG\n              value: "0"\n') },
    { name: 'Helm templated environment', code: deploy('            - name: APP_ENV\n              value: "{{ .Values.environment }}"\n') },
    { name: 'environment name from the downward API or a ConfigMap', code: deploy('            - name: APP_ENV\n              valueFrom:\n                configMapKeyRef: {name: web, key: APP_ENV}\n') },
    { name: 'init container is not the app', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - name: migrate\n      image: shop/web:3.0.1\n      env: [{name: NODE_ENV, value: development}]\n  containers:\n    - name: web\n      image: shop/web:3.0.1\n' },
    { name: "a product's development mode off", code: deploy('            - name: HASURA_GRAPHQL_DEV_MODE\n              value: "false"\n') },
    {
      name: 'a ConfigMap with debug on that no container loads whole (mounted as files)',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  DEBUG: "true"\n  APP_ENV: staging\n',
      workspace: [{ filename: 'deploy.yaml', code: deploymentYaml({ name: 'web', image: 'shop/web:3.0.1', selector: true }, '          volumeMounts: [{name: config, mountPath: /etc/web}]\n      volumes:\n        - name: config\n          configMap: {name: web-config}\n') }],
    },
  ],
  invalid: [
    {
      name: 'NODE_ENV development, fixed to production',
      code: deploy('            - name: NODE_ENV\n              value: development  # set by hand\n'),
      errors: [{ line: 17, column: 22, endLine: 17, endColumn: 33, messageId: 'environment', message: '`NODE_ENV=development`' }],
      output: deploy('            - name: NODE_ENV\n              value: production  # set by hand\n'),
    },
    {
      name: 'staging profile has no safe value: no fix',
      code: deploy('            - name: SPRING_PROFILES_ACTIVE\n              value: "kubernetes,staging"\n'),
      errors: [{ line: 17, column: 22, messageId: 'environment' }],
      output: null,
    },
    {
      name: 'debug switches, quoted replacements keep env values strings',
      code: deploy("            - name: FLASK_DEBUG\n              value: '1'\n            - name: DEBUG\n              value: \"true\"\n            - name: RACK_ENV\n              value: 'test'\n"),
      errors: [
        { line: 17, column: 22, messageId: 'debug' },
        { line: 19, column: 22, messageId: 'debug' },
        { line: 21, column: 22, endColumn: 28, messageId: 'environment' },
      ],
      output: deploy('            - name: FLASK_DEBUG\n              value: "0"\n            - name: DEBUG\n              value: "false"\n            - name: RACK_ENV\n              value: \'production\'\n'),
    },
    {
      name: "a product's own development mode (Hasura's install manifests)",
      code: deploy('            - name: HASURA_GRAPHQL_DEV_MODE\n              value: "true"\n'),
      errors: [{ line: 17, column: 22, endColumn: 28, messageId: 'debug' }],
      output: deploy('            - name: HASURA_GRAPHQL_DEV_MODE\n              value: "false"\n'),
    },
    {
      name: "Symfony's own switch in dev, fixed to prod",
      code: deploy('            - name: SYMFONY_ENV\n              value: dev\n'),
      errors: [{ line: 17, column: 22, endColumn: 25, messageId: 'environment', message: '`SYMFONY_ENV=dev`' }],
      output: deploy('            - name: SYMFONY_ENV\n              value: prod\n'),
    },
    {
      // labralords (review set 90): the keys of a ConfigMap that a container loads with envFrom are env variables too.
      name: 'a ConfigMap loaded whole with envFrom, one of them under a prefix',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  DEBUG: "true"\n  ENV: staging\n  LOG_LEVEL: debug\n',
      workspace: [{ filename: 'deploy.yaml', code: deploymentYaml({ name: 'web', image: 'shop/web:3.0.1', selector: true }, '          envFrom:\n            - configMapRef: {name: web-config}\n            - configMapRef: {name: web-config}\n              prefix: APP_\n') }],
      errors: [
        { line: 6, column: 10, endColumn: 16, messageId: 'debug', message: '`DEBUG=true`' },
        { line: 7, column: 8, messageId: 'environment', message: '`ENV=staging`' },
      ],
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  DEBUG: "false"\n  ENV: staging\n  LOG_LEVEL: debug\n',
    },
  ],
});
