import { defineServerlessRule } from '../../../rule';
import { looksLikeSecretName } from '../../../secrets';

/** CloudFormation dynamic references that decrypt a secret while the stack deploys. */
const RESOLVE_SECRET = /\{\{resolve:(secretsmanager|ssm-secure):/;
/** Serverless Framework variables that decrypt: `${ssm:/path~true}`, `${ssm(raw):…}`, Secrets Manager through SSM. */
const FRAMEWORK_DECRYPT = /\$\{ssm(\([a-z, ]*\))?:(?:(?!\$\{ssm[(:])[^}])*(~true|\/aws\/reference\/secretsmanager\/)/;
const FRAMEWORK_SSM = /^\$\{ssm(\([a-z, ]*\))?:/;
/** Fields of a database secret that are not secret themselves: `{{resolve:secretsmanager:arn:SecretString:username}}`. */
const PUBLIC_FIELD = /:SecretString:(username|user|host|hostname|port|dbname|database|engine|dbClusterIdentifier|dbInstanceIdentifier)(:|\}\})/i;

export default defineServerlessRule({
  meta: {
    id: 'config/secret-resolved-into-function-env',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A secret is resolved at deploy time into a plain Lambda environment variable (`{{resolve:secretsmanager:…}}`, `${ssm:…~true}`).',
    rationale: [
      'Resolving a secret while the stack deploys looks like a reference in the template, but the decrypted value is',
      'written into the function configuration: anyone who can read the function (the console, `GetFunctionConfiguration`,',
      'a drift report) sees it in clear, and rotating the secret changes nothing until the next deploy.',
      '',
      'Pass the secret\'s name or ARN in the environment and read the value at run time (the SDK, the AWS Parameters and',
      'Secrets Lambda extension, or Powertools\' parameters utility), with `secretsmanager:GetSecretValue` permission.',
      '',
      'Not reported: plain parameter or resource references, dynamic references to non-secret SSM parameters, the',
      'non-secret fields of a database secret (username, host, port, database name, engine, identifiers), and in',
      "serverless.yml `${ssm:…}` values that are not decrypted unless the variable's name looks secret.",
    ].join('\n'),
    messages: {
      resolve: '`{{name}}` of {{functions}} resolves a secret at deploy time into plain configuration; pass the secret\'s ARN and read it at run time.',
    },
  },
  check({ model, report }) {
    for (const fn of model.functions) {
      for (const env of fn.environment) {
        const text = env.text;
        if (text === undefined) continue;
        const framework = model.kind === 'serverless-framework';
        const resolved = (RESOLVE_SECRET.test(text) && !PUBLIC_FIELD.test(text)) || (framework && (FRAMEWORK_DECRYPT.test(text) || (FRAMEWORK_SSM.test(text.trim()) && looksLikeSecretName(env.name))));
        if (resolved) report({ messageId: 'resolve', data: { name: env.name, functions: model.namesTaking(fn, env) }, range: env.range });
      }
    }
  },
});
