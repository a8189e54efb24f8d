import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { argNamesAt, hasReference, runtimeInstructions, soleReference } from '../../../dockerfile/instructions';

const REVISION = 'org.opencontainers.image.revision';
const VERSION = 'org.opencontainers.image.version';

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/image-without-revision-label',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    offByDefault:
      'almost every Dockerfile lacks these labels, and many builds add them outside the Dockerfile (`docker buildx build --label`, `docker/metadata-action`, provenance attestations); turn it on where the Dockerfile itself is meant to record which commit and version an image was built from.',
    description: 'The final image has no `org.opencontainers.image.revision` or `version` label, or sets one to a literal instead of a build argument.',
    rationale: [
      'Every release has an id, and it should lead back to the build and the commit it came from. The OCI labels',
      '`org.opencontainers.image.revision` (the commit) and `org.opencontainers.image.version` put that id on the image',
      'itself, where registries, scanners and `docker inspect` show it.',
      '',
      'A label written as a literal (`LABEL org.opencontainers.image.revision=4f2a9c1`) is true for one build and wrong',
      'for every later one. Declare a build argument and set the label from it:',
      '`ARG GIT_SHA` then `LABEL org.opencontainers.image.revision=$GIT_SHA`, built with `--build-arg GIT_SHA=$(git rev-parse HEAD)`.',
      'This corresponds to hadolint DL3049 (a required label is missing) and DL3055/DL3056 (the revision and version',
      'labels must hold a commit id and a version), judged here by where the value comes from rather than by its format.',
      '',
      'Not reported: images that carry either label from a build argument (directly, or through an `ENV` set from one);',
      'values that name a variable this file does not declare (it may come from the base image); labels of build stages',
      'the final image does not inherit from. Off by default: see the reason in the rule table.',
    ].join('\n'),
    messages: {
      missing: 'The final image has no `org.opencontainers.image.revision` or `org.opencontainers.image.version` label; set them from build arguments so the image leads back to its commit.',
      literal: '`{{name}}` is set to the literal `{{value}}`, which is wrong for every other build; set it from a build argument (`ARG GIT_SHA` … `{{name}}=$GIT_SHA`).',
    },
    anchors: [{ tool: 'hadolint', id: 'DL3049' }, { tool: 'hadolint', id: 'DL3055' }, { tool: 'hadolint', id: 'DL3056' }],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const env = model.envOf(stage);
    let found = false;
    for (const instruction of runtimeInstructions(model)) {
      if (instruction.getKeyword() !== 'LABEL') continue;
      for (const label of propertiesOf(instruction)) {
        const name = label.name.replace(/^(["'])(.*)\1$/, '$2');
        if (name !== REVISION && name !== VERSION) continue;
        found = true;
        let literal: string | undefined;
        if (!hasReference(label.value)) literal = label.value;
        else {
          // `$APP_VERSION` from `ENV APP_VERSION=1.2.3` is a literal too; from an ARG (or unknown) it is not.
          const ref = soleReference(label.value);
          const variable = ref !== undefined && !argNamesAt(model, instruction).has(ref) ? env.get(ref) : undefined;
          if (variable && !hasReference(variable.value) && variable.value !== '') literal = variable.value;
        }
        if (literal !== undefined && literal.trim() !== '') report({ messageId: 'literal', data: { name, value: literal }, range: label.valueRange });
      }
    }
    if (!found) report({ messageId: 'missing', range: stage.image.range });
  },
});
