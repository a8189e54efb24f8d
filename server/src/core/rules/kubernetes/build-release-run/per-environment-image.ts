import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { isMovingTag, parseImageReference } from '../../../kubernetes/images';
import { imageEntriesOf, imageNamedIn } from '../../../kubernetes/kustomize-images';
import { perWorkspace } from '../../../kubernetes/workspace-memo';
import type { Range } from '../../../types';

const ENV = 'dev|develop|development|qa|uat|stage|staging|preprod|prod|production';
/** `shop/web-prod`, `shop/web_staging`. */
const ENV_REPOSITORY = new RegExp(`[-_](${ENV})$`, 'i');
/** `:prod`, `:staging`, `:prod-1.4.2`, `:staging_20240601`. */
const ENV_TAG = new RegExp(`^(${ENV})([-_.].*)?$`, 'i');

/** The images the containers of a workspace run, as written (init containers included); one list per workspace. */
const containerImages = perWorkspace((workspace) => {
  const images: string[] = [];
  for (const object of workspace.objects) for (const container of object.podSpec?.allContainers ?? []) if (container.image) images.push(container.image);
  return images;
});

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/per-environment-image',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'An image is built per environment (`web-prod`, `:staging`), instead of one build promoted through every environment.',
    rationale: [
      'The build stage produces one artefact; releases combine that same artefact with each environment\'s config.',
      'An image named or tagged for one environment (`shop/web-prod`, `shop/web:staging`) means a separate build per',
      'environment, so what was tested in staging is not byte-for-byte what runs in production, and environment',
      'settings end up baked into images.',
      '',
      'Build once, tag the image with a version or commit SHA, and promote that exact image (ideally by digest) from',
      'environment to environment, supplying the differences as config.',
      '',
      'A kustomization\'s `images:` entry is read as the image it makes (`newName`, `newTag`): an overlay that deploys',
      '`shop/web:prod` is reported where it sets the tag, when some container of the application runs that image (Kustomize',
      'ignores an entry that matches no container). A tag that is only an environment\'s name (`shop/web:dev`, `:staging`),',
      'written on a container or set by an `images:` entry, is left to `build-release-run/mutable-image-tag`, which reports',
      'that moving tag on the container, naming the kustomization that sets it.',
    ].join('\n'),
    messages: {
      repository: 'Image `{{image}}` is a per-environment build (`{{environment}}` in its name); promote one versioned image through all environments.',
      tag: 'Image `{{image}}` is tagged for the `{{environment}}` environment; promote one versioned image through all environments.',
    },
  },
  check({ model, workspace, report }) {
    /** Judges the repository and tag as written (either may be left to what they replace: not judged then). */
    const judge = (written: string, repository: string | undefined, tag: string | undefined, nameRange: Range, tagRange: Range) => {
      const byName = repository ? ENV_REPOSITORY.exec(repository.slice(repository.lastIndexOf('/') + 1)) : null;
      const byTag = tag ? ENV_TAG.exec(tag) : null;
      if (byName) report({ messageId: 'repository', data: { image: written, environment: byName[1] }, range: nameRange });
      else if (byTag) report({ messageId: 'tag', data: { image: written, environment: byTag[1] }, range: tagRange });
    };
    for (const object of model.objects) {
      if (object.kind === 'Kustomization') {
        // An overlay's `images:` entry: the image it deploys is the new name with the new tag (each defaulting to the old).
        for (const entry of imageEntriesOf(object)) {
          if (entry.digest || (!entry.newName && !entry.newTag) || isTemplated(entry.newName ?? '') || isTemplated(entry.newTag ?? '')) continue;
          // An entry that rewrites no container of the application deploys nothing (gathertown/grapevine's overlays).
          const names = new Set([entry.name]);
          if (!containerImages(workspace).some((image) => imageNamedIn(names, image))) continue;
          const old = parseImageReference(entry.name);
          const repository = entry.newName ? parseImageReference(entry.newName).repository : old.repository;
          const tag = entry.newTag ?? old.tag;
          const range = entry.newTagRange ?? entry.newNameRange;
          if (!range) continue;
          // What the entry leaves as it was is judged where it is written (the base's image), not again here; a moving
          // tag that names an environment (`newTag: production`) is mutable-image-tag's, on the containers it reaches.
          judge(tag ? `${repository}:${tag}` : repository, entry.newName && repository, entry.newTag && !isMovingTag(entry.newTag) ? entry.newTag : undefined, entry.newNameRange ?? range, range);
        }
        continue;
      }
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        if (!container.image || !container.imageRange || isTemplated(container.image)) continue;
        const image = parseImageReference(container.image);
        // A moving tag that names an environment (`:dev`, `:staging`) is mutable-image-tag's finding on the same word.
        judge(container.image, image.repository, image.tag && !isMovingTag(image.tag) ? image.tag : undefined, container.imageRange, container.imageRange);
      }
    }
  },
});
