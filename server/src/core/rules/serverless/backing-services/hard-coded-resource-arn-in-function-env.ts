import { defineServerlessRule } from '../../../rule';

/** ARNs of queues, topics, tables, streams, buckets and other attached resources (not secrets or keys: those are references to config). */
const RESOURCE_ARN = /^arn:aws[a-z-]*:(sqs|sns|dynamodb|kinesis|firehose|s3|rds|elasticache|events|states|es|kafka|mq|scheduler):[a-z0-9-]*:(\d{12})?:\S+$/;
const QUEUE_URL = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/\d{12}\/\S+$/;

export default defineServerlessRule({
  meta: {
    id: 'backing-services/hard-coded-resource-arn-in-function-env',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'A Lambda environment variable names a queue, topic, table or stream by a literal ARN or queue URL instead of a reference.',
    rationale: [
      'A literal ARN or queue URL pins the function to one resource in one account and region: the same template deployed',
      'as another stage, or in another account, still talks to the original queue or table, and replacing the resource',
      'means editing the template.',
      '',
      'Reference the resource (`!Ref Queue`, `!GetAtt Table.Arn`), take it from a parameter, or import it from the stack',
      'that owns it (`!ImportValue`). Secrets Manager, SSM and KMS ARNs are references to config and are not reported.',
      'A `!FindInMap` into the template\'s own Mappings is read as each literal it can find there, an `!If` as each branch.',
    ].join('\n'),
    messages: {
      arn: '`{{name}}` of {{functions}} names its {{service}} resource by a literal {{what}}; reference it (`!Ref`, `!GetAtt`), or take it from a parameter.',
    },
  },
  check({ model, report }) {
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        // Each value it can deploy with: an `!If` branch, a literal of the template's Mappings (`!FindInMap`).
        for (const branch of model.branches(env)) {
          const value = branch.literal?.trim();
          if (!value) continue;
          const arn = RESOURCE_ARN.exec(value);
          const found = arn ? { service: arn[1], what: 'ARN' } : QUEUE_URL.test(value) ? { service: 'sqs', what: 'queue URL' } : undefined;
          if (!found) continue;
          report({ messageId: 'arn', data: { name: env.name, functions: taker.names(env), ...found }, range: env.range });
          break;
        }
      }
    }
  },
});
