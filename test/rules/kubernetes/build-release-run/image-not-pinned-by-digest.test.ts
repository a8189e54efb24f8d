import rule from '../../../../server/src/core/rules/kubernetes/build-release-run/image-not-pinned-by-digest';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deployment = (image: string) => deploymentYaml({ name: 'web', image, selector: true });

testRule(rule, {
  valid: [
    { name: 'tag and digest', code: deployment('registry.example.com/shop/web:1.4.2@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0') },
    { name: 'digest only', code: deployment('registry.example.com/shop/web@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0') },
    { name: 'Helm expression', code: deployment('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"') },
    { name: 'placeholder', code: deployment('"${IMAGE_URI}"') },
    {
      name: 'a kustomization decides the reference',
      code: deployment('shop/web:1.0'),
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: shop/web\n    digest: sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n' }],
    },
  ],
  invalid: [
    { name: 'version tag only', code: deployment('registry.example.com/shop/web:1.4.2'), errors: [{ line: 14, column: 18, messageId: 'tagOnly' }] },
    { name: 'official image by tag', code: deployment('redis:7.2-alpine'), errors: [{ line: 14, column: 18, messageId: 'tagOnly', message: 'redis:7.2-alpine' }] },
    {
      name: 'a CronJob container',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: registry.example.com/report:2.0\n',
      errors: [{ line: 14, column: 22, messageId: 'tagOnly' }],
    },
  ],
});
