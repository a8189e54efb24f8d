import { defineServerlessRule } from '../../../rule';
import { looksLikeSecretName, namesPublicValue, namesSecretValue } from '../../../secrets';
import { wordsOf } from '../../../mask';
import { nameWords } from '../../../locators';
import type { EnvVar, ServerlessModel } from '../../../serverless/model';

/** CloudFormation dynamic references that decrypt a secret while the stack deploys. */
const RESOLVE_SECRET = /\{\{resolve:(secretsmanager|ssm-secure):/g;
/**
 * Serverless Framework variables that decrypt: `${ssm:/path~true}`, `${ssm(raw):…}`, Secrets Manager through SSM. The
 * path may hold other variables, one level deep (`${ssm:/launchdarkly/${self:provider.stage}/sdkkey~true}`).
 */
const FRAMEWORK_DECRYPT = /\$\{ssm(\([a-z, ]*\))?:(?:[^{}$]|\$(?!\{)|\$\{(?!ssm[(:])[^{}]*\})*(~true|\/aws\/reference\/secretsmanager\/)/;
const FRAMEWORK_SSM = /^\$\{ssm(\([a-z, ]*\))?:/;
/** A CloudFormation dynamic reference to a plain (String) SSM parameter. */
const RESOLVE_SSM = /\{\{resolve:ssm:/;
/** A reference that reads Secrets Manager: directly, or through Parameter Store's reference path. */
const SECRETS_MANAGER = /\{\{resolve:secretsmanager:|\/aws\/reference\/secretsmanager\//;
/**
 * Words that end the name of a secret's field that is not secret itself, `{{resolve:secretsmanager:arn:SecretString:username}}`:
 * where a database or a service is and who connects (`host`, `port`, `dbname`, `username`, `DT_TENANT`, `proxyEndpoint`).
 */
const PUBLIC_FIELD_WORDS = new Set(['username', 'user', 'host', 'hostname', 'port', 'dbname', 'database', 'engine', 'endpoint', 'region', 'domain', 'tenant', 'cluster']);
/** Words that end such a field's name after one of `PUBLIC_FIELD_WORDS` or a qualifier: `dbClusterIdentifier`, `DT_CLUSTER_ID`, `client_id`. */
const IDENTIFIER_WORDS = new Set(['id', 'identifier', 'name']);
const IDENTIFIER_QUALIFIERS = new Set(['db', 'instance', 'account', 'client', 'project', 'org', 'organization', 'app', 'application']);
/**
 * A URL is a public field only as a service's base or API address (`DT_CONNECTION_BASE_URL`); a `DATABASE_URL` or a
 * `WEBHOOK_URL` commonly carries a password or is itself the credential.
 */
const URL_WORDS = new Set(['url', 'uri']);
const URL_QUALIFIERS = new Set(['base', 'api']);

export default defineServerlessRule({
  meta: {
    id: 'config/secret-resolved-into-function-env',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A secret is resolved at deploy time into a plain Lambda environment variable (`{{resolve:secretsmanager:…}}`, `${ssm:…~true}`, a NoEcho or secret-named parameter).',
    rationale: [
      'Resolving a secret while the stack deploys looks like a reference in the template, but the decrypted value is',
      'written into the function configuration: anyone who can read the function (the console, `GetFunctionConfiguration`,',
      'a drift report) sees it in clear, and rotating the secret changes nothing until the next deploy.',
      '',
      'Pass the secret\'s name or ARN in the environment and read the value at run time (the SDK, the AWS Parameters and',
      'Secrets Lambda extension, or Powertools\' parameters utility), with `secretsmanager:GetSecretValue` permission.',
      '',
      'Not reported: variables whose name calls them public (`RSA_PUBLIC_KEY`, however the value is stored), Sentry\'s DSN',
      '(which Sentry documents as safe to make public), resource references, plain parameters under names that do not look secret (below), the',
      'non-secret fields of a secret (`…:SecretString:<field>` whose name ends in a username, host, port, database name,',
      'engine, endpoint, region, domain, tenant or cluster, an identifier of one of these, or a base or API URL, unless',
      'the name also looks secret), and plain SSM parameters (`{{resolve:ssm:…}}`, in serverless.yml `${ssm:…}` not',
      "decrypted) unless the variable's name looks secret (`TWILIO_AUTH_TOKEN: '{{resolve:ssm:TWILIO_AUTH_TOKEN}}'` is",
      'reported: a secret kept as a String parameter). A whole secret, and a value that also takes a secret field, are',
      'reported. A dynamic reference built with `!Join` (`!Join [\'\', [\'{{resolve:secretsmanager:\', !Ref Secret,',
      "':SecretString:password}}']]`) is read as the text it joins, and in serverless.yml so is a `${self:…}` path to one.",
      '',
      'A parameter declared `NoEcho: true` and passed into the environment (`!Ref DBPassword`, `${DBPassword}` in a',
      '`!Sub`) is reported too: NoEcho hides the value in CloudFormation\'s console and API only, and AWS advises',
      'against putting such values where they are stored in clear, as a function\'s environment is. Not when the',
      'variable or the parameter names a field that is not secret by the words above (`SF_HOST: !Ref SFHost`).',
      '',
      "A parameter of type `AWS::SSM::Parameter::Value<String>` is read from Parameter Store when the stack deploys: passed",
      "into a variable whose name looks secret (`SLACK_WEBHOOK_URL: !Ref SlackWebhookUrl`), it is reported like",
      '`{{resolve:ssm:…}}` under such a name.',
      '',
      "A `String` parameter that is not NoEcho is reported when both its name and the variable's look secret",
      "(`SLACK_TOKEN: !Ref SlackToken`): CloudFormation shows its value in the stack's parameters as well. Other plain",
      'parameters are not: a name that does not say secret is taken at its word, one that says where a secret is',
      '(`SECRET_ARN`, `TOKEN_PARAM`) names a locator, and so does a default that is a path or an ARN; nor when the function',
      'also takes a KMS key (`KMS_KEY_ID`), with which it may decrypt a ciphertext passed in the parameter.',
      '',
      "In serverless.yml, a secret-named variable whose whole value is `${env:…}`, `${param:…}` or `${file(…):…}`, or a",
      "`${self:…}` path that leads to one (`custom.secrets: ${file(secrets.json)}`), is reported for the same reason: the",
      "deploying shell's (or the Dashboard's, or a local file's) value is written into the function's configuration.",
      '',
      'A chat service\'s incoming-webhook URL (`SLACK_WEBHOOK_URL`, `DISCORD_WEBHOOK`, `HONEY_SLACK_URL`) counts as a',
      'secret-named value: whoever has the URL posts as the integration. A `WEBHOOK_URL` of no chat service does not.',
    ].join('\n'),
    messages: {
      resolve: '`{{name}}` of {{functions}} resolves a secret at deploy time, and the function\'s configuration shows its value in clear; pass the secret\'s ARN and read it at run time.',
      resolveParameter: '`{{name}}` of {{functions}} resolves a secret from Parameter Store at deploy time, and the function\'s configuration shows its value in clear; pass the parameter\'s name and read it at run time.',
      noEcho: '`{{name}}` of {{functions}} takes `{{parameter}}`, a NoEcho parameter that CloudFormation hides and the function\'s configuration shows in clear; keep it in Secrets Manager and read it at run time.',
      deployValue: '`{{name}}` of {{functions}} takes `{{source}}` at deploy time and the function\'s configuration shows it in clear; keep the secret in SSM or Secrets Manager and read it at run time.',
      plainParameter: '`{{name}}` of {{functions}} takes `{{parameter}}`, a parameter that the stack and the function\'s configuration both show in clear; keep the secret in Secrets Manager and read it at run time.',
      ssmParameter: '`{{name}}` of {{functions}} takes `{{parameter}}`, an SSM parameter that CloudFormation resolves when the stack deploys; its value then shows in clear in the function\'s configuration; pass the parameter\'s name and read it at run time.',
    },
  },
  check({ model, report }) {
    const noEcho = model.noEchoParameters();
    const plain = model.plainStringParameters();
    const ssm = model.ssmValueParameters();
    for (const taker of model.environmentTakers()) {
      let takesKmsKey: boolean | undefined;
      const kmsKey = () => (takesKmsKey ??= taker.environment.some((e) => wordsOf(e.name).includes('kms')));
      for (const env of taker.environment) {
        // `!If [Condition, A, B]`: each value the variable can be deployed with, reported once (syncbot's encryption key).
        for (const value of model.branches(env)) {
          const found = judge(value, model, { noEcho, plain, ssm }, kmsKey);
          if (!found) continue;
          report({ messageId: found.messageId, data: { name: env.name, functions: taker.names(env), ...found.data }, range: env.range });
          break;
        }
      }
    }
  },
});

/** Why a value of a function's environment shows a secret in clear, or undefined. */
/**
 * True when a parameter's name is the variable's own: the same but for case and separators (`RIOT_API_KEY` and
 * `RIOTAPIKEY`), or its last two words or more with the service word left out (`SLACK_HOOK_URL: !Ref HookUrl`).
 */
function sameName(parameter: string, variable: string): boolean {
  if (parameter.replace(/[-_.]/g, '').toUpperCase() === variable.replace(/[-_.]/g, '').toUpperCase()) return true;
  const own = wordsOf(parameter);
  const theirs = wordsOf(variable);
  return own.length >= 2 && own.length < theirs.length && own.every((w, i) => w === theirs[theirs.length - own.length + i]);
}

function judge(
  env: EnvVar,
  model: ServerlessModel,
  { noEcho, plain, ssm }: { noEcho: ReadonlySet<string>; plain: ReadonlySet<string>; ssm: ReadonlySet<string> },
  kmsKey: () => boolean,
): { messageId: 'resolve' | 'resolveParameter' | 'noEcho' | 'deployValue' | 'plainParameter' | 'ssmParameter'; data?: Record<string, string> } | undefined {
  const text = env.text;
  // `RSA_PUBLIC_KEY: ${ssm:/app/RSA_PUBLIC_KEY~true}`: a key that checks signatures, however it is stored.
  if (namesPublicValue(env.name)) return undefined;
  const parameter = noEcho.size > 0 ? parameterIn(env, noEcho, model) : undefined;
  // A NoEcho parameter that says where or who (`SF_HOST: !Ref SFHost`): hidden by choice, not a credential.
  if (parameter && !publicField(env.name) && !publicField(parameter)) return { messageId: 'noEcho', data: { parameter } };
  // A parameter that is not even NoEcho, when both its name and the variable's say secret (`SLACK_TOKEN: !Ref SlackToken`).
  // Not when the function also takes a KMS key: the value may be a ciphertext it decrypts (Honeycomb's integrations).
  const shown = plain.size > 0 && namesSecretValue(nameWords(env.name)) && !kmsKey() ? parameterIn(env, plain, model) : undefined;
  // The parameter's name says secret too, or is the variable's own written together (`RIOT_API_KEY: !Ref RIOTAPIKEY`).
  if (shown && (namesSecretValue(nameWords(shown)) || sameName(shown, env.name)) && !publicField(env.name) && !publicField(shown)) return { messageId: 'plainParameter', data: { parameter: shown } };
  // A parameter typed `AWS::SSM::Parameter::Value<String>` under a secret's name (`SLACK_WEBHOOK_URL: !Ref SlackWebhookUrl`):
  // the stored value, read when the stack deploys, as `{{resolve:ssm:…}}` would.
  const fromSsm = ssm.size > 0 && namesSecretValue(nameWords(env.name)) && !publicField(env.name) ? parameterIn(env, ssm, model) : undefined;
  if (fromSsm) return { messageId: 'ssmParameter', data: { parameter: fromSsm } };
  if (text === undefined) return undefined;
  const framework = model.kind === 'serverless-framework';
  // `${env:SLACK_API_TOKEN}`, `${param:dbPassword}`, `${file(secrets.json):stripeKey}`: the deploying machine's
  // (or the Dashboard's, or a local file's) value, written into the function's configuration at deploy time, when
  // the variable's name says secret.
  const source = framework && namesSecretValue(nameWords(env.name)) ? model.deployTimeSource(text) : undefined;
  if (source) return { messageId: 'deployValue', data: { source } };
  // A plain SSM parameter under a secret's name (`TWILIO_AUTH_TOKEN: '{{resolve:ssm:TWILIO_AUTH_TOKEN}}'`, `${ssm:/bot/token}`):
  // the secret, kept as a String, resolved into the configuration.
  const plainSsm = framework ? FRAMEWORK_SSM.test(text.trim()) : RESOLVE_SSM.test(text);
  const resolved = resolvesSecret(text) || (framework && FRAMEWORK_DECRYPT.test(text)) || (plainSsm && looksLikeSecretName(env.name));
  if (!resolved) return undefined;
  // A Secrets Manager secret is passed by its ARN; a Parameter Store one (`${ssm:/app/key~true}`, `{{resolve:ssm-secure:...}}`) by its name.
  return { messageId: SECRETS_MANAGER.test(text) ? 'resolve' : 'resolveParameter' };
}

/** The parameter of `parameters` the value takes: `!Ref Password`, or `${Password}` in a `!Sub` body. */
function parameterIn(env: EnvVar, parameters: ReadonlySet<string>, model: ServerlessModel): string | undefined {
  if (env.intrinsic === 'Ref') {
    const id = model.referencedId(env.node);
    return id !== undefined && parameters.has(id) ? id : undefined;
  }
  if (env.intrinsic !== 'Fn::Sub' || env.text === undefined) return undefined;
  for (const m of env.text.matchAll(SUB_VARIABLE)) if (parameters.has(m[1])) return m[1];
  return undefined;
}


/** A `${Name}` of a `!Sub` body (not `${!Literal}`, not `${AWS::Region}` or `${Resource.Attribute}`). */
const SUB_VARIABLE = /\$\{([A-Za-z0-9]+)\}/g;

/** Whether `text` holds a dynamic reference that decrypts a secret, other than a non-secret field of a Secrets Manager secret. */
function resolvesSecret(text: string): boolean {
  for (const m of text.matchAll(RESOLVE_SECRET)) {
    if (m[1] === 'ssm-secure') return true;
    const start = m.index + m[0].length;
    const end = text.indexOf('}}', start);
    const reference = end < 0 ? text.slice(start) : text.slice(start, end);
    const at = reference.indexOf(':SecretString:');
    // The whole secret (no JSON key) is a secret.
    if (at < 0) return true;
    const field = reference.slice(at + ':SecretString:'.length).split(/[:}]/)[0];
    if (!publicField(field)) return true;
  }
  return false;
}

/** A JSON key of a secret that names where and who rather than a credential: `host`, `dbClusterIdentifier`, `DT_TENANT`, `DT_CONNECTION_BASE_URL`. */
function publicField(field: string): boolean {
  if (field === '' || field.includes('$') || looksLikeSecretName(field)) return false;
  // Words of `dbClusterIdentifier`, `DT_CLUSTER_ID`, `db-host`: split at separators and lower-to-upper case changes.
  const words = wordsOf(field);
  const last = words[words.length - 1];
  const before = words[words.length - 2];
  if (last === undefined) return false;
  if (PUBLIC_FIELD_WORDS.has(last)) return true;
  if (before === undefined) return false;
  if (IDENTIFIER_WORDS.has(last)) return PUBLIC_FIELD_WORDS.has(before) || IDENTIFIER_QUALIFIERS.has(before);
  return URL_WORDS.has(last) && URL_QUALIFIERS.has(before);
}
