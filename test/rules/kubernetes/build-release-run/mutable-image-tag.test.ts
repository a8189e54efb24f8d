import rule from '../../../../server/src/core/rules/kubernetes/build-release-run/mutable-image-tag';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deployment = (image: string) => deploymentYaml({ name: 'web', image, selector: true });

testRule(rule, {
  valid: [
    { name: 'version tag', code: deployment('registry.example.com/shop/web:1.4.2') },
    {
      name: 'a toolbox container that only idles uses its image as a stand-in',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: zone-placeholder\nspec:\n  selector:\n    matchLabels: {app: placeholder}\n  template:\n    metadata:\n      labels: {app: placeholder}\n    spec:\n      containers:\n        - name: idle\n          image: busybox:latest\n          command: ["sleep", "infinity"]\n',
    },
    {
      name: 'a placeholder whose loop only sleeps',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: zone-placeholder\nspec:\n  selector:\n    matchLabels: {app: placeholder}\n  template:\n    metadata:\n      labels: {app: placeholder}\n    spec:\n      containers:\n        - name: idle\n          image: busybox\n          command: ["sh", "-c", "while true; do sleep 3600; done"]\n',
    },
    {
      name: 'a bare demo Pod that runs its own script on nginx for its shell',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: disk-writer\nspec:\n  containers:\n    - name: writer\n      image: nginx\n      command: ["/bin/sh", "-c", "while true; do echo $(date) >> /mnt/disk/out; sleep 1; done"]\n',
    },
    {
      name: 'a demo Pod whose pause container only holds a volume',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fc\nspec:\n  containers:\n    - name: fc\n      image: kubernetes/pause\n      volumeMounts: [{name: fc-vol, mountPath: /mnt/fc}]\n  volumes:\n    - name: fc-vol\n      fc: {targetWWNs: ["500a0982991b8dc5"], lun: 2, fsType: ext4}\n',
    },
    { name: 'digest', code: deployment('registry.example.com/shop/web@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0') },
    { name: 'registry port is not a tag', code: deployment('localhost:5000/web:2024.06.01') },
    { name: 'Helm template value', code: deployment('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"') },
    { name: 'not Kubernetes: a compose file', code: 'services:\n  web:\n    image: nginx:latest\n', filename: 'compose.yaml' },
    { name: 'envsubst placeholder', code: deployment('$IMAGE_URL') },
    { name: 'braced placeholder', code: deployment('"${IMAGE_URI}"') },
    { name: 'fill-in placeholder in angle brackets', code: deployment('"<YOUR-CONTAINER>"') },
    { name: 'ALL_CAPS fill-in name', code: deployment('CONTAINER_IMAGE') },
    { name: 'fill-in in a path segment (Knative docs)', code: deployment('docker.io/{username}/helloworld-php') },
    { name: 'a version tag that merely contains a moving word', code: deployment('shop/web:main-2024.06.01-3f2a1c') },
    { name: 'a variant with a version', code: deployment('redis:7.2-alpine') },
    {
      name: 'name a kustomization rewrites to a tag',
      code: deployment('shop/web'),
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: shop/web\n    newName: registry.example.com/shop/web\n    newTag: 1.4.2\n' }],
    },
    { name: 'a logical name a build tool replaces (Skaffold, ko)', code: deployment('echo-grpc') },
    { name: 'Go import paths that ko builds (knative docs samples): with ko://, and bare', code: deployment('ko://github.com/knative/docs/code-samples/serving/cloudevents/cloudevents-go') + '---\n' + deployment('github.com/knative/docs/code-samples/serving/knative-routing-go') },
    { name: 'untagged, but the repository itself names a release line', code: deployment('us-docker.pkg.dev/vendor/images/text-inference-cu124.2-3.ubuntu2204.py311') },
    { name: 'custom resource with a pod-like shape is skipped', code: 'apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          image: nginx\n' },
    {
      name: "a kustomization's old imageTags field retags it (replicatedhq kustomize-demo-api)",
      code: deployment('replicated/kustomize-demo-api:latest'),
      workspace: [{ filename: 'kustomization.yaml', code: 'bases: [../../base]\npatches: [deployment.yaml]\nimageTags:\n  - name: replicated/kustomize-demo-api\n    newTag: "DYNAMIC_IMAGE_TAG"\n' }],
    },
    {
      name: "an image a Skaffold config builds and tags (piomin's spring microservices, `tagPolicy: gitCommit`), in a profile too",
      code: deployment('piomin/admin') + '---\n' + deployment('piomin/gateway').replaceAll('name: web', 'name: gateway'),
      workspace: [{ filename: 'skaffold.yaml', code: 'apiVersion: skaffold/v4beta5\nkind: Config\nmetadata:\n  name: employee-service\nbuild:\n  artifacts:\n    - image: piomin/admin\n      jib:\n        project: admin-service\n  tagPolicy:\n    gitCommit: {}\nprofiles:\n  - name: gw\n    build:\n      artifacts:\n        - image: piomin/gateway\n' }],
    },
    {
      name: 'a kustomization whose images: name carries the tag it rewrites, as kustomize matches it (gdgdemo-k8s)',
      code: deployment('gcr.io/zouba-dev/gdgdemo-app:latest'),
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: gcr.io/zouba-dev/gdgdemo-app:latest\n    newTag: 3f1c2ab\n' }],
    },
    // iravid's course manifests and hcdung2109's cloud-native: built into the local cluster, never pulled.
    { name: 'a container the node never pulls for (local-only-image reports it)', code: deploymentYaml({ name: 'web', image: 'k8s-for-devs/api:latest', selector: true }, '          imagePullPolicy: Never\n') },
    {
      // PrivateBin's and immudb's charts: `helm test` runs the Pod to check a release; it is no part of one.
      name: "a chart's test Pod",
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test-connection\n  annotations:\n    helm.sh/hook: test\nspec:\n  restartPolicy: Never\n  containers:\n    - name: wget\n      image: busybox\n      command: [wget]\n      args: [\'web:80\']\n',
    },
    { name: "a distribution's own codename is its version", code: deployment('debian:bookworm-slim') },
  ],
  invalid: [
    {
      name: 'a worker loop that does work between sleeps runs its image',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: poller\nspec:\n  selector:\n    matchLabels: {app: poller}\n  template:\n    metadata:\n      labels: {app: poller}\n    spec:\n      containers:\n        - name: poll\n          image: registry.example.com/shop/poller:latest\n          command: ["sh", "-c", "while true; do /app/poll; sleep 60; done"]\n',
      errors: [{ line: 14, column: 18, messageId: 'latest' }],
    },
    {
      name: 'a Knative Service: each Revision is pinned, the manifest is not',
      code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/knative/helloworld-go\n',
      errors: [{ line: 9, column: 18, messageId: 'knative', message: 'Knative pins the digest of each Revision it creates, but applying this manifest again deploys whatever `latest` points to then' }],
    },
    {
      // Argo CD's manifests/base on its development branch: the kustomization's images: entry says newTag: latest.
      name: 'a kustomization that rewrites the image to latest pins nothing',
      code: deployment('quay.io/argoproj/argocd:latest'),
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: quay.io/argoproj/argocd\n    newName: quay.io/argoproj/argocd\n    newTag: latest\n' }],
      // The kustomization writes `latest` whatever the manifest says: it is where the tag is pinned.
      errors: [{ line: 14, column: 18, messageId: 'overlay', message: 'which `kustomization.yaml` sets', relatedLines: [7] }],
    },
    { name: 'latest tag', code: deployment('nginx:latest'), errors: [{ line: 14, column: 18, endLine: 14, endColumn: 30, messageId: 'latest' }] },
    { name: 'no tag', code: deployment('registry.example.com/shop/web'), errors: [{ line: 14, column: 18, messageId: 'untagged' }] },
    { name: 'an official image without a tag is a real image', code: deployment('wordpress'), errors: [{ line: 14, column: 18, messageId: 'untagged' }] },
    { name: 'branch tag', code: deployment('ghcr.io/shop/web:main'), errors: [{ line: 14, column: 18, messageId: 'moving' }] },
    { name: 'channel tag', code: deployment('node:lts'), errors: [{ line: 14, column: 18, messageId: 'moving' }] },
    // Online Boutique's redis: `alpine` names the variant, not a release of it.
    { name: 'a variant without a version', code: deployment('redis:alpine'), errors: [{ line: 14, column: 18, messageId: 'moving', message: 'the newest release' }] },
    { name: 'placeholder registry does not hide a latest tag', code: deployment('REGION-docker.pkg.dev/PROJECT_ID/repo/web:latest'), errors: [{ line: 14, column: 18, messageId: 'latest' }] },
    {
      name: 'a kustomization that renames without a tag does not pin',
      code: deployment('shop/web'),
      workspace: [{ filename: 'kustomization.yaml', code: 'kind: Kustomization\nimages:\n  - name: shop/web\n    newName: registry.example.com/shop/web\n' }],
      errors: [{ line: 14, column: 18, messageId: 'untagged' }],
    },
    {
      name: 'CronJob in a multi-document file',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {A: "1"}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: "shop/report:latest"\n`,
      errors: [{ line: 19, column: 22, endColumn: 42, messageId: 'latest' }],
    },
    {
      name: 'an envsubst registry prefix before a written latest tag (spring-petclinic-cloud)',
      code: deployment('${REPOSITORY_PREFIX}/spring-petclinic-cloud-customers-service:latest'),
      errors: [{ line: 14, column: 18, messageId: 'latest' }],
    },
    {
      name: 'an image that no Skaffold config of the workspace builds, and a config of another tool named Config',
      code: deployment('mongo:latest'),
      workspace: [
        { filename: 'skaffold.yaml', code: 'apiVersion: skaffold/v4beta5\nkind: Config\nbuild:\n  artifacts:\n    - image: piomin/admin\n' },
        { filename: 'other.yaml', code: 'apiVersion: example.com/v1\nkind: Config\nbuild:\n  artifacts:\n    - image: mongo\n' },
      ],
      errors: [{ line: 14, column: 18, messageId: 'latest' }],
    },
    {
      // podkrepi-bg/api: the base writes no tag, the development overlay gives it `master`.
      name: 'an untagged base image that an overlay deploys with a moving tag: the overlay tag is named',
      filename: 'base/deployment.yaml',
      code: deployment('ghcr.io/shop/web'),
      workspace: [{ filename: 'overlays/development/kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\nimages:\n  - name: ghcr.io/shop/web\n    newTag: master\n' }],
      errors: [{ line: 14, column: 18, messageId: 'overlay', message: 'Image `ghcr.io/shop/web` is deployed with the moving tag `master`, which `overlays/development/kustomization.yaml` sets' }],
    },
    {
      // silborynirmata/kustomize-tomcat: the related locations point at each overlay's `newTag`, not at its `kind`.
      name: 'overlays that give a tagged base image moving tags: each newTag is shown where it is written',
      filename: 'BASE/tomcat-deployment.yaml',
      code: deployment('ssilbory/alpine-tomcat:v5'),
      workspace: [
        { filename: 'DEV/kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: dev-\nimages:\n  - name: ssilbory/alpine-tomcat\n    newTag: latest\n    newName: dev-repo/alp-tomcat\nbases:\n- ../BASE\n' },
        { filename: 'PROD/kustomization.yaml', code: 'images:\n  - name: ssilbory/alpine-tomcat\n    newName: prod-repo/alp-tomcat\n    newTag: prod\nbases:\n- ../BASE\n' },
      ],
      errors: [{ line: 14, column: 18, messageId: 'overlay', relatedLines: [6, 4] }],
    },
    {
      // matt0x6F/hashpost: the base's bare `hashpost-backend`, which each overlay names in a registry with `newTag: latest`.
      name: "a base's logical image name that an overlay deploys with a moving tag",
      filename: 'base/deployment.yaml',
      code: deployment('web-backend'),
      workspace: [{ filename: 'overlays/production/kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\nimages:\n  - name: web-backend\n    newName: registry.example.com/shop/web-backend\n    newTag: latest\n' }],
      errors: [{ line: 14, column: 18, messageId: 'overlay', message: 'Image `web-backend` is deployed with the moving tag `latest`', relatedLines: [7] }],
    },
    {
      name: 'a Pod of another Helm hook is part of the release',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test-connection\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  restartPolicy: Never\n  containers:\n    - name: wget\n      image: busybox\n      command: [wget]\n      args: [\'web:80\']\n',
      errors: [{ line: 11, column: 14 }],
    },
    {
      // The same tag a Dockerfile's FROM is reported for (unpinned-base-image, review set 83): the newest Node on Debian 11.
      name: "a language image tagged only with the distribution it is built on",
      code: deployment('node:bullseye-slim'),
      errors: [{ line: 14, column: 18, messageId: 'moving', message: 'moving tag `bullseye-slim`' }],
    },
  ],
});
