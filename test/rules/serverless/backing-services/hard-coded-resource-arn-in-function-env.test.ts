import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/backing-services/hard-coded-resource-arn-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'references', code: sam('          QUEUE_URL: !Ref Queue\n          TABLE_ARN: !GetAtt Table.Arn\n') },
    { name: 'a Secrets Manager ARN is a reference to config', code: sam('          DB_SECRET_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n') },
    { name: 'an ARN built with !Sub from parameters', code: sam('          TOPIC: !Sub arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}\n') },
  ],
  invalid: [
    { name: 'a queue URL', code: sam('          QUEUE_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/orders\n'), errors: [{ line: 8, column: 22, message: 'queue URL' }] },
    { name: 'a table ARN', code: sam('          TABLE_ARN: arn:aws:dynamodb:eu-west-1:123456789012:table/orders\n'), errors: [{ line: 8, column: 22, message: 'dynamodb' }] },
    { name: 'a !Sub without substitution is a literal', code: sam('          TOPIC_ARN: !Sub arn:aws:sns:eu-west-1:123456789012:alerts\n'), errors: [{ line: 8, column: 22 }] },
    {
      name: "a queue ARN per stage in the template's Mappings",
      code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  Stage: {Type: String}\nMappings:\n  Stages:\n    dev: {Queue: "arn:aws:sqs:eu-west-1:123456789012:orders-dev"}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          ORDERS_QUEUE: !FindInMap [Stages, !Ref Stage, Queue]\n',
      errors: [{ line: 13, column: 25, endColumn: 63, message: 'sqs resource by a literal ARN' }],
    },
  ],
});
