import rule from '../../../../server/src/core/rules/kubernetes/build-release-run/per-environment-image';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deploy = (image: string) => deploymentYaml({ name: 'web', image, selector: true });

testRule(rule, {
  valid: [
    { name: 'version tag', code: deploy('registry.example.com/shop/web:3.0.1') },
    { name: 'environment in the registry path (promotion between registries) and words containing env names', code: deploy('prod-registry.example.com/shop/product-api:2024.06.1-production-ready') },
    { name: 'prerelease suffix is not an environment', code: deploy('shop/web:3.1.0-dev.4') },
    { name: 'Helm templated tag', code: deploy('"shop/web:{{ .Values.env }}"') },
  ],
  invalid: [
    { name: 'repository per environment', code: deploy('registry.example.com/shop/web-prod:3.0.1'), errors: [{ line: 14, column: 18, endLine: 14, endColumn: 58, messageId: 'repository', message: '`prod`' }] },
    { name: 'staging tag', code: deploy('shop/web:staging'), errors: [{ line: 14, column: 18, messageId: 'tag' }] },
    {
      name: 'environment-prefixed tag in a List',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: web}\n    spec:\n      containers:\n        - name: web\n          image: "shop/web:prod-20240601"\n',
      errors: [{ line: 10, column: 18, messageId: 'tag', message: '`prod`' }],
    },
  ],
});
