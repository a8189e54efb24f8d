import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { runtimeInstructions } from '../../../dockerfile/instructions';
import { ENV_TAG, ENV_WORD } from '../../../dockerfile/literal-values';

/** A repository name that names an environment: `myapp-prod`, `base-staging`. */
const ENV_REPOSITORY = /[-_](dev|development|staging|stage|prod|production|qa|uat)$/i;
const ENV_LABEL = /^(env|environment|stage|deploy[._-]?env|deployment[._-]?environment|[a-z0-9.-]+\.(env|environment))$/i;

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/environment-specific-image',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    description: 'The image is built for one environment: its base image is named or tagged after an environment, or a label says which one.',
    rationale: [
      'A build should produce one artefact that every environment runs; the release combines it with that',
      "environment's config. A base image such as `acme/base:staging` or `node-app-prod`, or a `LABEL environment=prod`,",
      'says the opposite: there is one image per environment, so what you tested in staging is not what runs in',
      'production.',
      '',
      'Build one image from version-tagged bases, label it with its version and commit, and promote that same image',
      'through the environments, supplying their differences as config at deploy time.',
      '',
      "Not reported: `-dev` in a tag (Chainguard's `latest-dev` is a variant), and `-prod` or `-production` after a version",
      "(`ruby:2.7.2-prod`, an image's production flavour, from which one release image is built).",
    ].join('\n'),
    messages: {
      baseImage: 'The base image `{{image}}` is tied to the {{env}} environment; build from a versioned base and promote one image through all environments.',
      label: 'LABEL `{{name}}={{value}}` marks the image as built for one environment; promote one image and set the environment at deploy time.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    for (const s of model.runtimeLineage()) {
      const image = s.image;
      if (s.parent || !image.name || !image.expanded) continue;
      const repository = image.name.split('/').pop() ?? image.name;
      const tag = image.tag ?? '';
      const env = ENV_TAG.exec(tag)?.slice(1).find(Boolean) ?? ENV_REPOSITORY.exec(repository)?.[1];
      if (env) report({ messageId: 'baseImage', data: { image: image.expanded, env }, range: image.range });
    }
    for (const instruction of runtimeInstructions(model)) {
      if (instruction.getKeyword() !== 'LABEL') continue;
      for (const p of propertiesOf(instruction)) {
        if (ENV_LABEL.test(p.name) && ENV_WORD.test(p.value.trim())) report({ messageId: 'label', data: { name: p.name, value: p.value }, range: p.valueRange });
      }
    }
  },
});
