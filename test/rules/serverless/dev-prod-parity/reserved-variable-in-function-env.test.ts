import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/dev-prod-parity/reserved-variable-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: go1.x\n      Handler: main\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'a region and an endpoint under names of its own', code: sam('          REGION: eu-west-1\n          APP_AWS_REGION: eu-west-1\n          AWS_ENDPOINT_URL: https://sqs.eu-west-1.amazonaws.com\n') },
    { name: 'variables Lambda lets a function extend (PATH, NODE_OPTIONS, the exec wrapper)', code: sam('          NODE_OPTIONS: --enable-source-maps\n          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-handler\n          LANG: en_US.UTF-8\n') },
    { name: 'a reserved name as the value of another variable is no setting of it', code: sam('          REGION_VARIABLE: AWS_REGION\n') },
    {
      name: 'a Kubernetes-style env list in a file that is no template',
      filename: 'values.yaml',
      code: 'env:\n  AWS_REGION: eu-west-1\n',
    },
  ],
  invalid: [
    {
      // oleksiivelychko/go-aws-sam (review set 90): LocalStack's settings in Globals, refused by Lambda.
      name: 'the region and credentials for an emulator in Globals',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Environment:\n      Variables:\n        AWS_ENDPOINT: http://host.docker.internal:4566\n        AWS_REGION: us-east-1\n        AWS_ACCESS_KEY_ID: local\n        AWS_SECRET_ACCESS_KEY: local\nResources:\n  PutMessage:\n    Type: AWS::Serverless::Function\n  PopMessage:\n    Type: AWS::Serverless::Function\n',
      errors: [
        { line: 7, column: 9, endColumn: 19, messageId: 'region', message: 'refused in the configuration of functions `PutMessage` and `PopMessage`' },
        { line: 8, column: 9, messageId: 'credentials', message: '`AWS_ACCESS_KEY_ID` is set by Lambda itself (from the execution role)' },
        { line: 9, column: 9, messageId: 'credentials' },
      ],
    },
    {
      name: "a function's own path variable",
      code: sam('          LAMBDA_TASK_ROOT: /var/task/app\n'),
      errors: [{ line: 10, column: 11, messageId: 'reserved', message: '`LAMBDA_TASK_ROOT` is set by Lambda itself' }],
    },
    {
      // Aduson-Inc/noisemaker_app (review set 91) and the Serverless Framework's provider environment.
      name: 'AWS_REGION in serverless.yml',
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: python3.13\n  environment:\n    AWS_REGION: ${self:provider.region}\nfunctions:\n  f:\n    handler: h.h\n',
      errors: [{ line: 6, column: 5, messageId: 'region' }],
    },
  ],
});
