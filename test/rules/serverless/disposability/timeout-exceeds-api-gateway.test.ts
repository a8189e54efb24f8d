import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/disposability/timeout-exceeds-api-gateway';

/** A SAM function with an alias, behind a REST API defined by an OpenAPI body, allowed to be invoked through a permission. */
const behindOpenApi = (timeout: number, integration: string, functionName = '!Ref Fn.Alias', sourceApi = 'Api', apiType = 'AWS::Serverless::Api', apiProperties = '      StageName: prod\n') =>
  `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: !Sub '\${AWS::StackName}-orders'\n      Timeout: ${timeout}\n      AutoPublishAlias: live\n` +
  `  Api:\n    Type: ${apiType}\n    Properties:\n${apiProperties}      DefinitionBody:\n        paths:\n          /orders:\n            post:\n              x-amazon-apigateway-integration:\n                httpMethod: POST\n${integration}` +
  `  Permission:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: ${functionName}\n      Action: lambda:InvokeFunction\n      Principal: apigateway.amazonaws.com\n      SourceArn: !Sub 'arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${sourceApi}}/*/POST/orders'\n`;
const SYNC = "                type: aws_proxy\n                uri: !Sub 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}:live/invocations'\n";
const ASYNC = "                type: aws\n                uri: !Sub 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}:live/invocations'\n                requestParameters:\n                  integration.request.header.X-Amz-Invocation-Type: \"'Event'\"\n";
const ASYNC_BY_NAME = "                type: aws\n                uri: !Sub 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-orders:live/invocations'\n                requestParameters:\n                  integration.request.header.X-Amz-Invocation-Type: \"'Event'\"\n";

const sam = (timeout: string, type: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${timeout}      Events:\n        Get:\n          Type: ${type}\n`;

/** A SAM function behind an Api event whose Timeout comes from a mapping by stage (Powertools' multi-environment example). */
const byStage = (timeouts: number[]) =>
  `Transform: AWS::Serverless-2016-10-31\nParameters:\n  Stage:\n    Type: String\nMappings:\n  StageConfig:\n${timeouts.map((t, i) => `    stage${i}:\n      Timeout: ${t}\n`).join('')}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: !FindInMap [StageConfig, !Ref Stage, Timeout]\n      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /orders\n            Method: get\n`;

testRule(rule, {
  valid: [
    { name: 'a timeout by stage that is under the limit in one stage', code: byStage([60, 10, 120]) },
    { name: 'within the REST limit', code: sam('      Timeout: 29\n', 'Api') },
    { name: 'HTTP API allows 30 s', code: sam('      Timeout: 30\n', 'HttpApi') },
    { name: 'long timeout without an API', code: sam('      Timeout: 900\n', 'SQS') },
    { name: 'default timeout', code: sam('', 'Api') },
    { name: 'a SAM function the API only invokes asynchronously (its alias named in the permission)', code: behindOpenApi(120, ASYNC) },
    { name: 'the asynchronous integration names the function by its FunctionName', code: behindOpenApi(120, ASYNC_BY_NAME, '!GetAtt Fn.Arn') },
    { name: 'a WebSocket API: its routes answer through the connection', code: behindOpenApi(300, SYNC, '!Ref Fn', 'Ws', 'AWS::ApiGatewayV2::Api', '      ProtocolType: WEBSOCKET\n').replace('  Api:\n', '  Ws:\n') },
    { name: 'an HTTP API named by the permission waits 30 s', code: behindOpenApi(30, SYNC, '!Ref Fn', 'Http', 'AWS::ApiGatewayV2::Api', '      ProtocolType: HTTP\n').replace('  Api:\n', '  Http:\n') },
    { name: 'an integration timeout raised for the event', code: sam('      Timeout: 50\n', 'Api\n          Properties:\n            TimeoutInMillis: 60000') },
    {
      name: 'a Serverless Framework http event with async: true (API Gateway invokes the function with X-Amz-Invocation-Type Event and answers at once)',
      filename: 'serverless.yml',
      code: 'service: r\nprovider: {name: aws, runtime: python3.12}\nfunctions:\n  scraper:\n    handler: handler.lambda_handler\n    timeout: 120\n    events:\n      - http: {path: run-scraper, method: post, async: true}\n',
    },
  ],
  invalid: [
    { name: 'REST API', code: sam('      Timeout: 60\n', 'Api'), errors: [{ line: 6, column: 16, messageId: 'timeout', message: 'after 29 s' }] },
    { name: 'HTTP API, timeout in Globals', code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 100\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        All:\n          Type: HttpApi\n', errors: [{ line: 4, column: 14, messageId: 'inherited', relatedLines: [10], message: 'The 100 s timeout set in `Globals.Function` lets function `Fn` run longer than API Gateway waits on HTTP APIs (30 s).' }] },
    { name: 'serverless.yml http event', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  timeout: 30\nfunctions:\n  f:\n    handler: h\n    events:\n      - http:\n          path: /\n          method: get\n', errors: [{ line: 4, column: 12, message: 'The 30 s timeout set in `provider.timeout` lets function `f` run longer' }] },
    {
      name: 'a timeout in Globals shared by a REST and an HTTP function: one finding on the shared line names both waits',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 60\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Get:\n          Type: Api\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Post:\n          Type: HttpApi\n',
      errors: [
        { line: 4, column: 14, relatedLines: [10, 16], message: 'The 60 s timeout set in `Globals.Function` lets functions `A` and `B` run longer than API Gateway waits (29 s on REST APIs, 30 s on HTTP APIs).' },
      ],
    },
    {
      name: 'five REST functions inherit one timeout: one finding on the Globals line names them, and points at each event',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 30\nResources:\n' + ['Get', 'List', 'Put', 'Delete', 'Patch'].map((n) => `  ${n}Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        ${n}:\n          Type: Api\n`).join('') + '  Own:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 60\n      Events:\n        Own:\n          Type: Api\n',
      errors: [
        { line: 4, column: 14, messageId: 'inherited', message: 'lets functions `GetFn`, `ListFn`, `PutFn` and 2 more run longer than API Gateway waits on REST APIs (29 s).', relatedLines: [10, 16, 22, 28, 34] },
        { line: 39, column: 16, messageId: 'timeout', message: 'Function `Own` may run 60 s, but its REST API event `Own` stops waiting after 29 s.' },
      ],
    },
    { name: 'Lambda function behind an API Gateway permission', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 120\n  Permission:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Principal: apigateway.amazonaws.com\n      FunctionName: !GetAtt Fn.Arn\n", errors: [{ line: 6, column: 16, messageId: 'permission', message: 'API Gateway, which may invoke it (permission `Permission`), stops waiting after 29 s' }] },
    {
      name: 'a SAM function behind a REST API of an OpenAPI body, reached through a permission on its alias',
      code: behindOpenApi(30, SYNC),
      errors: [{ line: 7, column: 16, messageId: 'permission', message: 'Function `Fn` may run 30 s, but API Gateway, which may invoke it (permission `Permission`), stops waiting after 29 s.' }],
    },
    {
      name: 'a timeout by stage from a mapping, over the limit in every stage: the least of them is named',
      code: byStage([30, 60, 120]),
      errors: [{ line: 17, column: 16, messageId: 'timeout', message: 'Function `Fn` may run 30 s, but its REST API event `Get` stops waiting after 29 s.' }],
    },
    {
      name: "a permission that names the function by its FunctionName's !Sub, not by !Ref (Guardian's identity-backfill stack)",
      code: "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Stage:\n    Type: String\nResources:\n  IdentityBackfillLambda:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: !Sub identity-backfill-${Stage}\n      Timeout: 300\n  IdentityBackfillPermission:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:invokeFunction\n      FunctionName: !Sub identity-backfill-${Stage}\n      Principal: apigateway.amazonaws.com\n",
      errors: [{ line: 10, column: 16, messageId: 'permission', message: 'Function `IdentityBackfillLambda` may run 300 s, but API Gateway, which may invoke it (permission `IdentityBackfillPermission`), stops waiting after 29 s.' }],
    },
  ],
});
