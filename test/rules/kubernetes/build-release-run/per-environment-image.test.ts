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
    {
      name: 'overlays that set a version, a moving tag, a digest, or only rename to a neutral registry',
      filename: 'overlays/prod/kustomization.yaml',
      code:
        'resources: [../../base]\nimages:\n  - name: shop/web\n    newTag: 3.0.1\n  - name: shop/api\n    newTag: latest\n' +
        '  - name: shop/worker\n    newTag: staging\n    digest: sha256:0c3c2e5d4a1b0f9e8d7c6b5a4938271605f4e3d2c1b0a99887766554433221100\n' +
        '  - name: shop/jobs\n    newName: prod-registry.example.com/shop/jobs\n',
    },
    {
      name: 'an overlay that keeps the base\'s own per-environment repository: reported in the base, not again here',
      filename: 'overlays/prod/kustomization.yaml',
      code: 'resources: [../../base]\nimages:\n  - name: shop/web-prod\n    newTag: 3.0.1\n',
    },
    // kedacore/sample-go-rabbitmq: `:dev` alone is a moving tag, which mutable-image-tag reports on the same word.
    { name: 'a tag that is only an environment\'s name', code: deploy('shop/web:staging') },
    {
      // silborynirmata/kustomize-tomcat's PROD overlay: `newTag: prod` is a moving tag, which mutable-image-tag reports on the
      // base's container, naming this kustomization (review set 80: one finding for one pattern, not two).
      name: 'an overlay whose images entry sets a tag that is only an environment\'s name',
      filename: 'PROD/kustomization.yaml',
      code: 'images:\n  - name: ssilbory/alpine-tomcat # match images with this name\n    newName: prod-repo/alp-tomcat\n    newTag: prod\nbases:\n- ../BASE\n',
      workspace: [{ filename: 'BASE/deploy.yaml', code: deploy('ssilbory/alpine-tomcat:9') }],
    },
    {
      // gathertown/grapevine's overlays: an entry for an image that no container of the application runs; Kustomize ignores it.
      name: 'an overlay entry that rewrites no container of the application',
      filename: 'overlays/production/kustomization.yaml',
      code: 'resources: [../../base]\nimages:\n  - name: REGISTRY/grapevine-ambient-extraction\n    newName: your-registry/grapevine-ambient-extraction\n    newTag: production-1.2.0\n',
      workspace: [{ filename: 'base/deploy.yaml', code: deploy('REGISTRY/grapevine-api:latest') }],
    },
  ],
  invalid: [
    { name: 'repository per environment', code: deploy('registry.example.com/shop/web-prod:3.0.1'), errors: [{ line: 14, column: 18, endLine: 14, endColumn: 58, messageId: 'repository', message: '`prod`' }] },
    {
      name: 'environment-prefixed tag in a List',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: web}\n    spec:\n      containers:\n        - name: web\n          image: "shop/web:prod-20240601"\n',
      errors: [{ line: 10, column: 18, messageId: 'tag', message: '`prod`' }],
    },
    {
      // silborynirmata/kustomize-tomcat's PROD overlay with a dated tag: it deploys `prod-repo/alp-tomcat:prod-20240601`.
      name: 'an overlay whose images entry tags the image for its environment',
      filename: 'PROD/kustomization.yaml',
      code: 'images:\n  - name: ssilbory/alpine-tomcat # match images with this name\n    newName: prod-repo/alp-tomcat\n    newTag: prod-20240601\nbases:\n- ../BASE\n',
      workspace: [{ filename: 'BASE/deploy.yaml', code: deploy('ssilbory/alpine-tomcat:9') }],
      errors: [{ line: 4, column: 13, endLine: 4, endColumn: 26, messageId: 'tag', message: 'Image `prod-repo/alp-tomcat:prod-20240601` is tagged for the `prod` environment' }],
    },
    {
      name: 'an overlay that renames the image to a per-environment repository',
      filename: 'overlays/staging/kustomization.yaml',
      code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: shop/web\n    newName: registry.example.com/shop/web-staging\n',
      workspace: [{ filename: 'base/deploy.yaml', code: deploy('shop/web:3.0.1') }],
      errors: [{ line: 5, column: 14, messageId: 'repository', message: 'Image `registry.example.com/shop/web-staging` is a per-environment build' }],
    },
  ],
});
