import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { parseImageReference } from '../../../kubernetes/images';

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/mutable-image-tag',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A container image is referenced by `:latest` or by no tag at all, so a release does not pin what runs.',
    rationale: [
      'A release is a build combined with config, and it should be immutable: rolling back to release 42 must run',
      'exactly what release 42 ran. `:latest` (and an image with no tag, which means `:latest`) points at whatever was',
      'pushed last, so two pods of one Deployment can run different code and a rollback changes nothing.',
      '',
      'Reference a version tag your pipeline produces (`registry/app:1.4.2` or the commit SHA), or better a digest',
      '(`registry/app@sha256:…`).',
    ].join('\n'),
    messages: {
      latest: 'Image `{{image}}` uses the mutable `latest` tag; pin a version tag or digest so a release always runs the same build.',
      untagged: 'Image `{{image}}` has no tag, which means `latest`; pin a version tag or digest so a release always runs the same build.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of [...pod.initContainers, ...pod.containers]) {
        if (!container.image || !container.imageRange || isTemplated(container.image)) continue;
        const image = parseImageReference(container.image);
        if (image.digest) continue;
        if (image.tag === undefined) report({ messageId: 'untagged', data: { image: container.image }, range: container.imageRange });
        else if (image.tag === 'latest') report({ messageId: 'latest', data: { image: container.image }, range: container.imageRange });
      }
    }
  },
});
