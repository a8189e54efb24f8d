import rule from '../../../../server/src/core/rules/kubernetes/build-release-run/always-pull-mutable-tag';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deploy = (image: string, policy = 'Always') => deploymentYaml({ name: 'web', image, selector: true }, `          imagePullPolicy: ${policy}
`);

testRule(rule, {
  valid: [
    { name: 'Always on a logical name a build tool replaces', code: deploy('stats-adapter') },
    { name: 'Always on a placeholder', code: deploy('$IMAGE_URL') },
    { name: 'Always with a version tag', code: deploy('shop/web:3.0.1') },
    { name: 'Always with a digest on a moving tag', code: deploy('shop/web:main@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0') },
    { name: 'IfNotPresent with latest is the other rule\'s business', code: deploy('shop/web:latest', 'IfNotPresent') },
    { name: 'Helm templated image', code: deploy('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"') },
    {
      name: 'an overlay pins the image, written with the tag kustomize matches (chalcedonyt/gdgdemo-k8s)',
      code: deploy('gcr.io/zouba-dev/gdgdemo-app:latest'),
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: gcr.io/zouba-dev/gdgdemo-app:latest\n    newTag: 3f1c2ab\n' }],
    },
    {
      name: 'an image Skaffold builds and tags',
      code: deploy('piomin/admin'),
      workspace: [{ filename: 'skaffold.yaml', code: 'apiVersion: skaffold/v4beta5\nkind: Config\nbuild:\n  artifacts:\n    - image: piomin/admin\n' }],
    },
    {
      // Phssilva/qfieldcloud_k8s's qgis Deployment: the container only keeps itself alive.
      name: 'Always on a moving tag of a container that only idles',
      code: deploymentYaml({ name: 'qgis', image: 'registry.example.com/qgis:latest', selector: true }, '          imagePullPolicy: Always\n          command: ["tail", "-f", "/dev/null"]\n'),
    },
  ],
  invalid: [
    { name: 'latest', code: deploy('shop/web:latest'), errors: [{ line: 15, column: 28, endLine: 15, endColumn: 34, message: '`latest`' }] },
    { name: 'no tag means latest', code: deploy('registry.example.com:5000/shop/web'), errors: [{ line: 15, column: 28, message: 'moving tag `latest`' }] },
    // The one list of moving tags (kubernetes/images.ts), shared with mutable-image-tag.
    { name: 'a channel and a variant tag', code: deploy('node:lts'), errors: [{ line: 15, column: 28, message: 'moving tag `lts`' }] },
    { name: 'a variant without a version', code: deploy('redis:alpine'), errors: [{ line: 15, column: 28, message: 'moving tag `alpine`' }] },
    {
      name: 'branch tag on an init container of a CronJob',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          initContainers:\n            - {name: prep, image: "shop/report:main", imagePullPolicy: Always}\n          containers:\n            - {name: report, image: "shop/report:1.0.0", imagePullPolicy: Always}\n',
      errors: [{ line: 12, column: 72, message: '`main`' }],
    },
    {
      name: "a kustomization that pins another tag than the one written, or moves the image to latest, pins nothing here",
      code: deploy('shop/web:latest'),
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: shop/web:main\n    newTag: 1.4.2\n  - name: shop/web\n    newTag: latest\n' }],
      errors: [{ line: 15, column: 28, message: '`latest`' }],
    },
    {
      name: 'a version tag that an overlay replaces with a moving one',
      filename: 'base/deployment.yaml',
      code: deploy('ghcr.io/shop/web:1.4.2'),
      workspace: [{ filename: 'overlays/development/kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\nimages:\n  - name: ghcr.io/shop/web\n    newTag: master\n' }],
      errors: [{ line: 15, column: 28, messageId: 'overlay', message: 'with the moving tag `master` that `overlays/development/kustomization.yaml` gives `ghcr.io/shop/web`' }],
    },
  ],
});
