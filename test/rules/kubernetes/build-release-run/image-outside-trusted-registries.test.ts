import rule from '../../../../server/src/core/rules/kubernetes/build-release-run/image-outside-trusted-registries';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deployment = (image: string) => deploymentYaml({ name: 'web', image, selector: true });
const trusted = { trustedRegistries: ['us-docker.pkg.dev/acme', 'docker.io/library', '*.mirror.example.com'] };

testRule(rule, {
  valid: [
    { name: 'no allow-list in the configuration: silent', code: deployment('quay.io/somebody/tool:1.0') },
    { name: 'an empty allow-list is no allow-list', code: deployment('quay.io/somebody/tool:1.0'), configuration: { trustedRegistries: [] } },
    { name: 'own registry, whole-segment prefix', code: deployment('us-docker.pkg.dev/acme/shop/web:1.4.2'), configuration: trusted },
    { name: 'official image shorthand is docker.io/library', code: deployment('nginx:1.27'), configuration: trusted },
    { name: 'host suffix entry', code: deployment('eu.mirror.example.com/bitnami/redis:7.2'), configuration: trusted },
    { name: 'case does not matter', code: deployment('US-DOCKER.PKG.DEV/acme/web:1'), configuration: trusted },
    { name: 'Helm expression', code: deployment('"{{ .Values.image }}"'), configuration: trusted },
    { name: 'fill-in placeholder', code: deployment('$IMAGE_URL'), configuration: trusted },
    { name: 'logical name a build tool replaces', code: deployment('echo-grpc'), configuration: trusted },
    {
      name: 'name a kustomization rewrites',
      code: deployment('quay.io/vendor/web:1'),
      configuration: trusted,
      workspace: [{ filename: 'kustomization.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\nimages:\n  - name: quay.io/vendor/web\n    newName: us-docker.pkg.dev/acme/web\n' }],
    },
  ],
  invalid: [
    {
      name: 'a prefix matches whole segments only',
      code: deployment('us-docker.pkg.dev/acme-labs/web:1.0'),
      configuration: trusted,
      errors: [{ line: 14, column: 18, messageId: 'untrusted', message: 'us-docker.pkg.dev/acme-labs/web:1.0' }],
    },
    {
      name: 'Docker Hub user image is docker.io/<user>, not the library',
      code: deployment('bitnami/redis:7.2'),
      configuration: trusted,
      errors: [{ line: 14, column: 18, messageId: 'untrusted' }],
    },
    {
      name: 'init container too',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: init\n      image: ghcr.io/someone/init:2\n  containers:\n    - name: app\n      image: us-docker.pkg.dev/acme/app:3\n',
      configuration: trusted,
      errors: [{ line: 8, column: 14, messageId: 'untrusted' }],
    },
  ],
});
