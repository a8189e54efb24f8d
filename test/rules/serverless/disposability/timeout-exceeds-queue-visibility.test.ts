import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/disposability/timeout-exceeds-queue-visibility';

const sam = (timeout: string, queue: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n${queue}  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${timeout}      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n`;

testRule(rule, {
  valid: [
    { name: 'visibility six times the timeout', code: sam('      Timeout: 60\n', '    Properties:\n      VisibilityTimeout: 360\n') },
    { name: 'default timeout and default visibility', code: sam('', '') },
    { name: 'a queue outside the template', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 900\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !ImportValue jobs-queue-arn\n' },
  ],
  invalid: [
    { name: 'timeout above the default visibility', code: sam('      Timeout: 60\n', ''), errors: [{ line: 8, column: 16, messageId: 'visibility', message: '(30 s)' }] },
    { name: 'timeout above a set visibility', code: sam('      Timeout: 120\n', '    Properties:\n      VisibilityTimeout: 90\n'), errors: [{ line: 10, column: 16 }] },
    { name: 'default timeout above a tiny visibility: reported on the queue', code: sam('', '    Properties:\n      VisibilityTimeout: 2\n'), errors: [{ line: 6, column: 26 }] },
    { name: 'serverless.yml with Fn::GetAtt', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  worker:\n    handler: h\n    timeout: 45\n    events:\n      - sqs:\n          arn:\n            Fn::GetAtt: [Jobs, Arn]\nresources:\n  Resources:\n    Jobs:\n      Type: AWS::SQS::Queue\n', errors: [{ line: 7, column: 14 }] },
    {
      name: 'a timeout in Globals: reported at each function\'s queue event',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 60\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Jobs:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q.Arn\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        More:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q.Arn\n  Q:\n    Type: AWS::SQS::Queue\n',
      errors: [
        { line: 10, column: 9, message: 'Function `A` may run 60 s' },
        { line: 18, column: 9, message: 'Function `B` may run 60 s' },
      ],
    },
  ],
});
