import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/concurrency/reserved-concurrency-zero';

const sam = (props: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${props}`;

testRule(rule, {
  valid: [
    { name: 'a positive reservation', code: sam('      ReservedConcurrentExecutions: 10\n') },
    { name: 'no reservation', code: sam('      Handler: app.handler\n') },
    { name: 'from a parameter', code: sam('      ReservedConcurrentExecutions: !Ref Reserved\n') },
  ],
  invalid: [
    { name: 'zero', code: sam('      ReservedConcurrentExecutions: 0\n'), errors: [{ line: 6, column: 37, messageId: 'zero' }] },
    { name: 'zero in Globals', code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    ReservedConcurrentExecutions: 0\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n', errors: [{ line: 4, column: 35 }] },
    { name: 'serverless.yml', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    reservedConcurrency: 0\n', errors: [{ line: 7, column: 26 }] },
    {
      name: 'zero in Globals, named for both functions that inherit it',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    ReservedConcurrentExecutions: 0\nResources:\n  A:\n    Type: AWS::Serverless::Function\n  B:\n    Type: AWS::Serverless::Function\n',
      errors: [{ line: 4, column: 35, message: 'A reserved concurrency of 0 throttles every invocation of functions `A` and `B`.' }],
    },
  ],
});
