import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { pullPolicyOf } from '../../../kubernetes/pod-parts';
import { parseImageReference } from '../../../kubernetes/images';

const LOCAL_REGISTRY = /^(localhost|127\.0\.0\.1|host\.docker\.internal|[a-z0-9.-]+\.localhost)(:\d+)?$/i;

export default defineKubernetesRule({
  meta: {
    id: 'dev-prod-parity/local-only-image',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A container image can only exist on a developer\'s machine: `imagePullPolicy: Never` or a `localhost` registry.',
    rationale: [
      'Dev/prod parity means the same artefact moves from a laptop to production. An image that is pulled from',
      '`localhost:5000`, or never pulled at all (`imagePullPolicy: Never`, as used with kind or minikube image loading),',
      'only exists where it was built: the manifest describes a developer\'s cluster, and production runs something',
      'assembled differently, or fails with `ErrImageNeverPull`.',
      '',
      'Push images to the registry every environment pulls from and keep local shortcuts in a local overlay or',
      'profile (Skaffold, Tilt, a Kustomize `dev` overlay).',
      '',
      'Not reported: `imagePullPolicy` values other than `Never`, templated images, and images from any registry that',
      'is not on the local machine (`localhost`, `127.0.0.1`, `host.docker.internal`, `*.localhost`).',
    ].join('\n'),
    messages: {
      never: 'Container `{{container}}` never pulls its image; it runs only where the image was built or loaded by hand.',
      localhost: 'Image `{{image}}` comes from a registry on the local machine (`{{registry}}`); other environments cannot pull it.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        const policy = pullPolicyOf(container, object.doc);
        if (policy.value === 'Never') report({ messageId: 'never', data: { container: container.name ?? '?' }, range: model.rangeOf(policy.node)! });
        if (!container.image || !container.imageRange || isTemplated(container.image)) continue;
        const repository = parseImageReference(container.image).repository;
        const registry = repository.includes('/') ? repository.split('/')[0] : '';
        if (LOCAL_REGISTRY.test(registry)) report({ messageId: 'localhost', data: { image: container.image, registry }, range: container.imageRange });
      }
    }
  },
});
