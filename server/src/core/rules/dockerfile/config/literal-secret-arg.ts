import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { literalSecret } from '../../../secrets';

export default defineDockerfileRule({
  meta: {
    id: 'config/literal-secret-arg',
    factor: 'config',
    defaultSeverity: 'error',
    description: 'An ARG has a secret (password, token, key) as its default value.',
    rationale: [
      'A default value of a build argument is part of the Dockerfile, so the secret is committed to the codebase and',
      'travels with every clone, fork and build log. Build arguments are also recorded in the image history and in',
      'build provenance, so even a value passed with `--build-arg` is not private.',
      '',
      'Remove the default, and hand secrets to the build with `RUN --mount=type=secret,id=…` (BuildKit) so they never',
      'reach a layer. The quick fix removes the default value; a declared `ARG` without a default is not reported here',
      '(see `config/secret-build-arg`).',
    ].join('\n'),
    messages: {
      secret: 'The default of `{{name}}` is {{kind}} ({{masked}}) committed with the Dockerfile; remove it and use `RUN --mount=type=secret` for build-time secrets.',
    },
    fix: 'unsafe',
    // Without its literal default the ARG is still a secret passed to the build: that rule then says how to pass it.
    fixIntroduces: ['config/secret-build-arg'],
  },
  check({ model, report }) {
    for (const instruction of model.instructionsOf('ARG')) {
      for (const variable of propertiesOf(instruction)) {
        if (!variable.hasDefault) continue;
        const secret = literalSecret(variable.name, variable.value);
        if (!secret) continue;
        report({
          messageId: 'secret',
          data: { name: variable.name, kind: secret.kind, masked: secret.masked },
          range: variable.valueRange,
          fix: { title: `Remove the default value of ${variable.name}`, edits: [{ range: { start: variable.nameRange.end, end: variable.valueRange.end }, newText: '' }] },
        });
      }
    }
  },
});
