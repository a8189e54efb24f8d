import { defineKubernetesRule } from '../../../rule';
import { writtenImages } from '../../../kubernetes/kustomize-images';

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/image-not-pinned-by-digest',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    offByDefault:
      'a version tag already names a release for most teams (build-release-run/mutable-image-tag reports moving tags); turn this on where every deployed image must be pinned by digest, as supply-chain policies often require.',
    description: 'A container image is referenced by tag only, not by digest (`@sha256:…`), so what the tag points to can still change.',
    rationale: [
      'A tag is a name a registry lets anyone with push rights move; a digest is the content itself. Teams that',
      'require every release to be reproducible byte for byte, or whose admission policy verifies signatures by',
      'digest, pin images as `registry/app:1.4.2@sha256:…` (the tag stays for people, the digest decides).',
      'Off by default: a version tag your pipeline never overwrites is enough for most teams. Corresponds to',
      'Checkov CKV_K8S_43 (its digest half).',
      '',
      'Not reported: images pinned by digest; Helm expressions, fill-in placeholders, logical names a build tool',
      'replaces, and names that a kustomization of the workspace rewrites with its `images:` entries (the build',
      'decides the reference there).',
    ].join('\n'),
    messages: {
      tagOnly: 'Image `{{image}}` is referenced by tag, not by digest; pin it as `…@sha256:<digest>` so the release cannot change under the same name.',
    },
    anchors: [{ tool: 'Checkov', id: 'CKV_K8S_43' }],
  },
  check({ model, workspace, report }) {
    for (const image of writtenImages(model, workspace)) {
      if (!image.digest) report({ messageId: 'tagOnly', data: { image: image.image }, range: image.range });
    }
  },
});
