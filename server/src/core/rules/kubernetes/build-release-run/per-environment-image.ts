import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { parseImageReference } from '../../../kubernetes/images';

const ENV = 'dev|develop|development|qa|uat|stage|staging|preprod|prod|production';
/** `shop/web-prod`, `shop/web_staging`. */
const ENV_REPOSITORY = new RegExp(`[-_](${ENV})$`, 'i');
/** `:prod`, `:staging`, `:prod-1.4.2`, `:staging_20240601`. */
const ENV_TAG = new RegExp(`^(${ENV})([-_.].*)?$`, 'i');

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
    ].join('\n'),
    messages: {
      repository: 'Image `{{image}}` is a per-environment build (`{{environment}}` in its name); promote one versioned image through all environments.',
      tag: 'Image `{{image}}` is tagged for the `{{environment}}` environment; promote one versioned image through all environments.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        if (!container.image || !container.imageRange || isTemplated(container.image)) continue;
        const image = parseImageReference(container.image);
        const last = image.repository.slice(image.repository.lastIndexOf('/') + 1);
        const byName = ENV_REPOSITORY.exec(last);
        const byTag = image.tag ? ENV_TAG.exec(image.tag) : null;
        if (byName) report({ messageId: 'repository', data: { image: container.image, environment: byName[1] }, range: container.imageRange });
        else if (byTag) report({ messageId: 'tag', data: { image: container.image, environment: byTag[1] }, range: container.imageRange });
      }
    }
  },
});
