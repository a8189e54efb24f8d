import { defineKubernetesRule } from '../../../rule';
import { writtenImages } from '../../../kubernetes/kustomize-images';
import { isTrustedRepository } from '../../../registries';

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/image-outside-trusted-registries',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A container image comes from a registry outside the `trustedRegistries` allow-list of the configuration file.',
    rationale: [
      'A release is the build your pipeline produced, combined with config. When a team keeps an allow-list of',
      'registries (its own, and the mirrors it vets), an image from anywhere else did not come out of that pipeline:',
      'it was not scanned, signed or retained like the others, and the release cannot be rebuilt from the codebase.',
      '',
      'The rule runs only when the configuration file lists `trustedRegistries`, for example',
      '`["us-docker.pkg.dev/acme", "docker.io/library"]`. An entry is a registry host, a host and path prefix (whole',
      'segments: `gcr.io/team` admits `gcr.io/team/app`, not `gcr.io/team-b/app`), or a host suffix such as',
      '`*.pkg.dev`. Docker Hub shorthand is read as Docker reads it: `nginx` is `docker.io/library/nginx`.',
      'Corresponds to Checkov CKV_K8S_43 (its registry half) and hadolint DL3026 for Dockerfiles.',
      '',
      'Not reported: anything when the configuration has no `trustedRegistries`; Helm expressions, fill-in',
      'placeholders (`$IMAGE`, `<your-image>`), logical names a build tool replaces, and names that a',
      'kustomization of the workspace rewrites with its `images:` entries.',
    ].join('\n'),
    messages: {
      untrusted: 'Image `{{image}}` comes from outside the trusted registries of the configuration; use an image your pipeline publishes to one of them.',
    },
    anchors: [{ tool: 'Checkov', id: 'CKV_K8S_43' }],
  },
  check({ model, workspace, configuration, report }) {
    const trusted = configuration.trustedRegistries;
    if (!trusted || trusted.length === 0) return;
    for (const image of writtenImages(model, workspace)) {
      if (!isTrustedRepository(image.repository, trusted)) report({ messageId: 'untrusted', data: { image: image.image }, range: image.range });
    }
  },
});
