import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { literalSecret } from '../../../secrets';

export default defineDockerfileRule({
  meta: {
    id: 'config/literal-secret-env',
    factor: 'config',
    defaultSeverity: 'error',
    description: 'An ENV instruction writes a secret (password, token, key) into the image.',
    rationale: [
      'Credentials are config: they differ per deploy and must never live in the codebase. A value set with `ENV` is',
      'stored in the Dockerfile, in every layer after it and in the image metadata (`docker inspect` shows it), so anyone',
      'who can pull the image can read it, and rotating it means rebuilding.',
      '',
      "Leave the value out of the image and provide it at run time from the platform's secret store (a Kubernetes",
      'Secret, your orchestrator\'s secrets, a mounted file). For build-time needs use `RUN --mount=type=secret`.',
      'Detection is by variable name and by well-known token shapes; references such as `ENV X=$X` and placeholders',
      'are ignored.',
    ].join('\n'),
    messages: {
      secret: '`{{name}}` holds {{kind}} ({{masked}}) baked into the image; inject it at run time from a secret store instead.',
    },
  },
  check({ model, report }) {
    for (const instruction of model.instructionsOf('ENV')) {
      for (const variable of propertiesOf(instruction)) {
        const secret = literalSecret(variable.name, variable.value);
        if (secret) report({ messageId: 'secret', data: { name: variable.name, kind: secret.kind, masked: secret.masked }, range: variable.valueRange });
      }
    }
  },
});
