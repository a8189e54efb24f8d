import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { isLogicalImageName, isMovingTagOf, isPlaceholderImage, isVersionedRepository, parseImageReference } from '../../../kubernetes/images';
import { revisionTemplateOf } from '../../../kubernetes/knative';
import { isPatchFragment } from '../../../kubernetes/selectors';
import { isKustomizePatch } from '../../../kubernetes/builds';
import { pullPolicyOf, usesImageAsStandIn } from '../../../kubernetes/pod-parts';
import { namesPinnedByBuilds, imageNamedIn, movingTagSetByBuilds } from '../../../kubernetes/kustomize-images';

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/mutable-image-tag',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A container image is referenced by `:latest`, another moving tag (`main`, `stable`, `nightly` …) or no tag at all, so a release does not pin what runs.',
    rationale: [
      'A release is a build combined with config, and it should be immutable: rolling back to release 42 must run',
      'exactly what release 42 ran. `:latest` (and an image with no tag, which means `:latest`) points at whatever was',
      'pushed last, so two pods of one Deployment can run different code and a rollback changes nothing.',
      '',
      'Reference a version tag your pipeline produces (`registry/app:1.4.2` or the commit SHA), or better a digest',
      '(`registry/app@sha256:…`). Branch and channel tags (`main`, `master`, `dev`, `stable`, `lts`, `edge`, `nightly`)',
      'move just like `latest` and are reported too, and so are variants without a version (`redis:alpine`,',
      '`google/cloud-sdk:slim`, `node:bullseye-slim`: the newest release built that way; `redis:7.2-alpine` is a version,',
      'and so is a distribution\'s own codename, `debian:bookworm-slim`).',
      'When a Kustomize overlay writes a moving tag over the base\'s (`images: [{name: app, newTag: master}]` in a',
      'development overlay), the finding names that tag and the overlay\'s kustomization, where the pin belongs.',
      '',
      'Not reported: placeholders a tool fills in before deploying (`$IMAGE_URL`, `${IMAGE}`, `<YOUR-IMAGE>`,',
      '`CONTAINER_IMAGE`, Helm expressions), names that the file\'s Kustomize builds rewrite to a tag or digest',
      '(`images: [{name: app, newTag: 1.4.2}]` in its own kustomization, or in every overlay that includes it), images a',
      'Skaffold config of the application builds (`build.artifacts[].image`: Skaffold deploys them with the tag of its',
      'build), and logical names a build tool replaces (Skaffold, `ko`, an overlay):',
      'a single word with no registry and no tag that is not an official image (`echo-grpc`, unlike `nginx`); and',
      'stand-in images whose content does not matter (`pause`, `test-webserver`, any image whose container only idles, and',
      'an official image that a bare Pod only uses to run its own shell script, and a chart\'s test Pod (`helm.sh/hook:',
      'test`), which `helm test` runs to check a release and which is no part of it); and a container with `imagePullPolicy:',
      'Never`, which runs the node\'s own copy whatever the tag (`dev-prod-parity/local-only-image` reports it). Knative Services are reported with',
      'their own message: Knative Serving resolves the tag to a digest for each Revision it creates, so one Revision runs',
      'one build, but the manifest in the repository does not say which.',
    ].join('\n'),
    messages: {
      latest: 'Image `{{image}}` uses the mutable `latest` tag; pin a version tag or digest so a release always runs the same build.',
      moving: 'Image `{{image}}` uses the moving tag `{{tag}}`, which follows a branch, a channel or the newest release; pin a version tag or digest so a release always runs the same build.',
      untagged: 'Image `{{image}}` has no tag, which means `latest`; pin a version tag or digest so a release always runs the same build.',
      overlay: 'Image `{{image}}` is deployed with the moving tag `{{tag}}`, which `{{kustomization}}` sets; pin a version tag or digest there so a release always runs the same build.',
      knative: 'Image `{{image}}` follows the moving tag `{{tag}}`; Knative pins the digest of each Revision it creates, but applying this manifest again deploys whatever `{{tag}}` points to then; pin a version tag or digest in the manifest.',
    },
  },
  check({ model, workspace, report }) {
    let pinned: ReadonlySet<string> | undefined;
    for (const object of model.objects) {
      const pod = object.podSpec;
      // A fragment no kustomization applies as a patch deploys nothing (a listed patch's tag is what its builds run).
      if (!pod || (isPatchFragment(object) && !isKustomizePatch(object))) continue;
      // Knative Serving resolves each tag to a digest when it creates a Revision: one Revision runs one build,
      // but the manifest, applied again, makes a Revision of whatever the tag points to then.
      const knative = revisionTemplateOf(object) !== undefined;
      for (const container of pod.allContainers) {
        if (!container.image || !container.imageRange || isTemplated(container.image) || isPlaceholderImage(container.image)) continue;
        const image = parseImageReference(container.image);
        if (image.digest || usesImageAsStandIn(model, object, container)) continue;
        // `imagePullPolicy: Never`: the node's own copy runs, whatever the tag; dev-prod-parity/local-only-image says so.
        if (pullPolicyOf(container, object.doc).value === 'Never') continue;
        pinned ??= namesPinnedByBuilds(workspace);
        if (imageNamedIn(pinned, container.image)) continue;
        // A tag a Kustomize build writes over the one here (a development overlay's `newTag: master`): the build's
        // tag is what runs, and its kustomization is where to pin it.
        const byBuild = movingTagSetByBuilds(workspace, model.source.uri, container.image);
        if (byBuild) {
          report({ messageId: 'overlay', data: { image: container.image, tag: byBuild.tag, kustomization: byBuild.kustomization }, range: container.imageRange, related: byBuild.related });
          continue;
        }
        // A base's bare `app`, which a build names (and tags) for each environment: judged only through that build.
        if (isLogicalImageName(container.image)) continue;
        if (image.tag === undefined && isVersionedRepository(image.repository)) continue;
        const tag = image.tag === undefined ? 'latest' : image.tag;
        if (knative && (image.tag === undefined || image.tag === 'latest' || isMovingTagOf(image.repository, image.tag))) report({ messageId: 'knative', data: { image: container.image, tag }, range: container.imageRange });
        else if (image.tag === undefined) report({ messageId: 'untagged', data: { image: container.image }, range: container.imageRange });
        else if (image.tag === 'latest') report({ messageId: 'latest', data: { image: container.image }, range: container.imageRange });
        else if (isMovingTagOf(image.repository, image.tag)) report({ messageId: 'moving', data: { image: container.image, tag: image.tag }, range: container.imageRange });
      }
    }
  },
});
