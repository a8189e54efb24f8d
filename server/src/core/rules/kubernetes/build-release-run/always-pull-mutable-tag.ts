import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { isLogicalImageName, isMovingTagOf, isPlaceholderImage, parseImageReference } from '../../../kubernetes/images';
import { pullPolicyOf, usesImageAsStandIn } from '../../../kubernetes/pod-parts';
import { imageNamedIn, movingTagSetByBuilds, namesPinnedByBuilds } from '../../../kubernetes/kustomize-images';

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/always-pull-mutable-tag',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: '`imagePullPolicy: Always` on an image with a moving tag (`latest`, `main`, `stable`…), so any pod restart can pick up a different build.',
    rationale: [
      'The run stage should only ever execute a release that was cut on purpose. With a moving tag and',
      '`imagePullPolicy: Always`, every restart, reschedule or scale-up pulls whatever the tag points at right now:',
      'new code reaches production without a release, replicas of one Deployment run different builds, and a rollback',
      'pulls the newest image again.',
      '',
      'Deploy an immutable tag (a version or commit SHA) or a digest; then the pull policy no longer changes what runs.',
      '',
      'Not reported: placeholders (`$IMAGE`, `<YOUR-IMAGE>`) and logical names a build tool replaces before deploying',
      '(a single word with no registry or tag that is not an official image), since their real tag is not known yet;',
      'images the application\'s builds pin, as `build-release-run/mutable-image-tag` reads them (a Kustomize `images:`',
      'entry with a fixed tag or digest in every overlay that deploys the file, an image Skaffold builds and tags); and,',
      'as there, stand-in images whose content does not matter (`pause`, a container that only idles).',
    ].join('\n'),
    messages: {
      always: '`imagePullPolicy: Always` with the moving tag `{{tag}}` of `{{image}}`: a restart can run a build that was never released.',
      overlay: '`imagePullPolicy: Always` with the moving tag `{{tag}}` that `{{kustomization}}` gives `{{image}}`: a restart can run a build that was never released.',
    },
  },
  check({ model, workspace, report }) {
    let pinned: ReadonlySet<string> | undefined;
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        const policy = pullPolicyOf(container, object.doc);
        if (policy.value !== 'Always' || !container.image || isTemplated(container.image) || isPlaceholderImage(container.image) || isLogicalImageName(container.image)) continue;
        const image = parseImageReference(container.image);
        if (image.digest) continue;
        // An image whose content does not matter (a container that only idles): as mutable-image-tag judges it.
        if (usesImageAsStandIn(model, object, container)) continue;
        pinned ??= namesPinnedByBuilds(workspace);
        if (imageNamedIn(pinned, container.image)) continue;
        const range = model.rangeOf(policy.node);
        if (!range) continue;
        // A moving tag a Kustomize build writes over the one here (mutable-image-tag explains).
        const byBuild = movingTagSetByBuilds(workspace, model.source.uri, container.image);
        if (byBuild) {
          report({ messageId: 'overlay', data: { tag: byBuild.tag, image: byBuild.name, kustomization: byBuild.kustomization }, range, related: byBuild.related });
          continue;
        }
        const tag = image.tag ?? 'latest';
        if (isMovingTagOf(image.repository, tag)) report({ messageId: 'always', data: { tag, image: container.image }, range });
      }
    }
  },
});
