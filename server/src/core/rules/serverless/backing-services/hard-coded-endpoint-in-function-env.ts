import { defineServerlessRule } from '../../../rule';
import { BACKING_SCHEMES, LOCATOR_NAME, isIpLiteral, isLoopbackHost, parseLocator } from '../../../kubernetes/backing-services';
import { locatesBackingService, nameWords } from '../../../locators';
import { isPlaceholderValue } from '../../../secrets';

/** Host names of AWS-managed datastores, caches, brokers and search domains. */
// The lookahead jumps to the last service label at once (the most permissive start), so the rest is read once.
const MANAGED_HOST = /^(?=([\s\S]*\.(?:rds|cache|docdb|neptune|redshift|memorydb|dax|kafka|mq|es|aoss|cloudsearch)\.))\1([a-z0-9-]+\.)*amazonaws\.com(\.cn)?$|\.rds\.amazonaws\.com$/i;
/**
 * An AWS service's own endpoint, the same for every account (`sqs.eu-west-1.amazonaws.com`, `dynamodb.us-east-1.amazonaws.com`,
 * `sns.amazonaws.com`): no instance of a backing service. A queue URL on it names its queue in the path, which
 * `backing-services/hard-coded-resource-arn-in-function-env` reports.
 */
const AWS_SERVICE_ENDPOINT = /^[a-z0-9-]+(?:\.[a-z]{2}(?:-[a-z]+)+-\d)?\.amazonaws\.com(?:\.cn)?$/i;
/** Names of other AWS endpoints written for local emulators (`DYNAMODB_ENDPOINT: http://localhost:8000`). */
// The lookahead jumps to the last service word at once (the most permissive start), so the tail is read once.
const AWS_ENDPOINT_NAME = /^(?=((?:[\s\S]*_)?(?:DYNAMO(?:DB)?|SQS|SNS|KINESIS|S3|AWS)(?=_)))\1(_[A-Z0-9]+)*_(ENDPOINT|ENDPOINT_URL|HOST|URL)$/;

export default defineServerlessRule({
  meta: {
    id: 'backing-services/hard-coded-endpoint-in-function-env',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'A Lambda environment variable locates a database, cache or broker by a literal host, IP address or connection URL.',
    rationale: [
      'A backing service is an attached resource: the function receives its locator from the deploy, and swapping the',
      'resource (a restored snapshot, a failover, another stage\'s database) changes that locator, not the template.',
      'A host name, IP address or `postgres://…` URL written in the template pins every stack to one instance; a',
      '`localhost` value cannot work inside Lambda at all, where nothing else listens.',
      '',
      'Take the endpoint from the resource itself (`!GetAtt Db.Endpoint.Address`, `!GetAtt Cache.RedisEndpoint.Address`),',
      'from a parameter or an SSM parameter, or from another stack\'s export (`!ImportValue`).',
      '',
      'A `!FindInMap` into the template\'s own Mappings is read as each literal it can find there (a table of hosts per',
      'environment ties each stack to one instance all the same); an `!If` as each of its branches; and a serverless.yml\'s',
      '`${self:custom.${opt:stage}.redisHost}` as the literal each stage under `custom` writes (but `local` and',
      '`offline`, which serverless-offline runs on the developer\'s machine).',
      '',
      'In serverless.yml the literal a variable falls back on (`${env:DB_HOST, \'localhost\'}`) is judged too: it deploys',
      'wherever the variable is unset.',
      '',
      'A bare host name without a dot (`DB_HOST: localstack-postgres`, `redis://cache:6379`) is reported too: it is a',
      'Kubernetes Service or Compose name elsewhere, but Lambda has no such DNS, so only the local setup it was written',
      'for resolves it.',
      '',
      'Not reported: values taken from a parameter, another intrinsic function or any other `${…}` variable; values that are not a',
      'locator; `0.0.0.0`; an AWS service\'s own regional endpoint',
      '(`https://sqs.eu-west-1.amazonaws.com/123456789012/orders` names its queue in the path, which',
      '`backing-services/hard-coded-resource-arn-in-function-env` reports); and hosts under names and schemes that do not',
      'point at a backing service.',
    ].join('\n'),
    messages: {
      endpoint: '`{{name}}` of {{functions}} hard-codes the {{what}} at `{{host}}`; take it from the resource (`!GetAtt`), a parameter or an export.',
    },
  },
  check({ model, report }) {
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        // Each value it can deploy with: an `!If` branch, a literal of the template's Mappings (`!FindInMap`).
        for (const branch of model.branches(env)) {
          const found = endpointIn(env.name, branch.literal?.trim());
          if (!found) continue;
          report({ messageId: 'endpoint', data: { name: env.name, functions: taker.names(env), ...found }, range: env.range });
          break;
        }
      }
    }
  },
});

/** The backing service a variable's literal value locates (`what` it is, and its `host`), or undefined. */
function endpointIn(variable: string, value: string | undefined): { what: string; host: string } | undefined {
  if (!value) return undefined;
  const locator = parseLocator(value);
  if (!locator?.host) return undefined;
  const host = locator.host;
  const scheme = locator.scheme?.replace(/^jdbc:/, '');
  const backingScheme = !!locator.scheme && (locator.scheme.startsWith('jdbc:') || BACKING_SCHEMES.test(scheme ?? ''));
  const name = nameWords(variable);
  const local = isIpLiteral(host) || isLoopbackHost(host);
  // A bare name (`db`, `localstack-postgres`) is a Service or Compose name elsewhere; Lambda has no such DNS, so in a
  // function's environment it is a locator too, that only a local setup resolves (not a fill-in such as `none`).
  const concreteHost = local || (host.includes('.') && /[a-z]/i.test(host)) || (/^[a-z][a-z0-9-]*$/i.test(host) && !isPlaceholderValue(host));
  if (!concreteHost || host === '0.0.0.0' || (AWS_SERVICE_ENDPOINT.test(host) && !MANAGED_HOST.test(host))) return undefined;
  if (!backingScheme && !MANAGED_HOST.test(host) && !LOCATOR_NAME.test(name) && !locatesBackingService(name, value) && !(local && AWS_ENDPOINT_NAME.test(name))) return undefined;
  return { what: backingScheme ? `${scheme} service` : 'backing service', host };
}
