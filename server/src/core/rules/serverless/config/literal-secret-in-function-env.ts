import { defineServerlessRule } from '../../../rule';
import { literalSecret } from '../../../secrets';

export default defineServerlessRule({
  meta: {
    id: 'config/literal-secret-in-function-env',
    factor: 'config',
    defaultSeverity: 'error',
    description: "A Lambda function's environment holds a secret written literally in the template (SAM, CloudFormation or serverless.yml).",
    rationale: [
      'Config that differs between deploys, credentials above all, belongs to the environment the deploy supplies, never',
      'to the code or its templates. A password or token written into `Environment.Variables` (or `environment:` in',
      'serverless.yml) is committed with the template, copied into every stack and every packaged artifact, and shown in',
      'clear in the function configuration.',
      '',
      'Keep the secret in AWS Secrets Manager or SSM Parameter Store (SecureString) and pass the function only its name',
      'or ARN (`!Ref MySecret`, a parameter); the code reads the value at start-up with the SDK or the parameters and',
      'secrets extension. Intrinsic functions, parameters and `${…}` variables are references and are not reported.',
      '',
      'Not reported: values that are not literals (intrinsic functions, parameters, `${…}` variables), values',
      'containing a run of `XXXX` to be filled in, empty values and placeholders, paths, URLs without credentials, and',
      'values under names that do not look secret unless the value itself has a known secret shape. A `!FindInMap` into',
      'the template\'s own Mappings is read as each literal it can find there, an `!If` as each branch. In serverless.yml',
      "the literal a variable falls back on (`${env:API_TOKEN, 'sk_live_…'}`) is judged too: it is committed with the",
      'template and deploys wherever the variable is unset.',
    ].join('\n'),
    messages: {
      literal: '`{{name}}` of {{functions}} is {{kind}} written in the template; keep it in Secrets Manager or SSM and pass its name or ARN.',
      fallback: 'When `{{variable}}` is unset at deploy time, `{{name}}` of {{functions}} falls back to {{kind}} written in the template; drop the fallback so that a missing value fails the deploy, and keep the secret in Secrets Manager or SSM.',
    },
  },
  check({ model, report }) {
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        // Each value it can deploy with: an `!If` branch, a literal of the template's Mappings (`!FindInMap`).
        for (const branch of model.branches(env)) {
          // A run of X marks a value to fill in (`AIzaXXXX`), not a key.
          if (branch.literal === undefined || /XXXX|xxxx/.test(branch.literal)) continue;
          const secret = literalSecret(env.name, branch.literal);
          if (!secret) continue;
          const data = { name: env.name, functions: taker.names(env), kind: secret.kind };
          report(branch.fallbackOf ? { messageId: 'fallback', data: { ...data, variable: branch.fallbackOf }, range: env.range } : { messageId: 'literal', data, range: env.range });
          break;
        }
      }
    }
  },
});
