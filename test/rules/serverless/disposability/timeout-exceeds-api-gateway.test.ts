import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/disposability/timeout-exceeds-api-gateway';

const sam = (timeout: string, type: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${timeout}      Events:\n        Get:\n          Type: ${type}\n`;

testRule(rule, {
  valid: [
    { name: 'within the REST limit', code: sam('      Timeout: 29\n', 'Api') },
    { name: 'HTTP API allows 30 s', code: sam('      Timeout: 30\n', 'HttpApi') },
    { name: 'long timeout without an API', code: sam('      Timeout: 900\n', 'SQS') },
    { name: 'default timeout', code: sam('', 'Api') },
    { name: 'an integration timeout raised for the event', code: sam('      Timeout: 50\n', 'Api\n          Properties:\n            TimeoutInMillis: 60000') },
  ],
  invalid: [
    { name: 'REST API', code: sam('      Timeout: 60\n', 'Api'), errors: [{ line: 6, column: 16, messageId: 'timeout', message: 'after 29 s' }] },
    { name: 'HTTP API, timeout in Globals', code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 100\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        All:\n          Type: HttpApi\n', errors: [{ line: 10, column: 9, message: 'HTTP API' }] },
    { name: 'serverless.yml http event', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  timeout: 30\nfunctions:\n  f:\n    handler: h\n    events:\n      - http:\n          path: /\n          method: get\n', errors: [{ line: 9, column: 9 }] },
    {
      name: 'a timeout in Globals shared by two functions: one finding at each function\'s event, none lost to the shared line',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 60\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Get:\n          Type: Api\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Post:\n          Type: HttpApi\n',
      errors: [
        { line: 10, column: 9, message: 'Function `A` may run 60 s, but its REST API event `Get` stops waiting after 29 s.' },
        { line: 16, column: 9, message: 'Function `B` may run 60 s, but its HTTP API event `Post` stops waiting after 30 s.' },
      ],
    },
    { name: 'Lambda function behind an API Gateway permission', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 120\n  Permission:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Principal: apigateway.amazonaws.com\n      FunctionName: !GetAtt Fn.Arn\n", errors: [{ line: 6, column: 16, messageId: 'permission', message: 'API Gateway, which may invoke it (permission `Permission`), stops waiting after 29 s' }] },
  ],
});
