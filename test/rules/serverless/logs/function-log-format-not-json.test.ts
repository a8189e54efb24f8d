import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/logs/function-log-format-not-json';

const sam = (props: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${props}`;

testRule(rule, {
  valid: [
    { name: 'JSON logs', code: sam('      Runtime: nodejs22.x\n      LoggingConfig:\n        LogFormat: JSON\n') },
    { name: 'JSON logs in Globals', code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.13\n    LoggingConfig:\n      LogFormat: JSON\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n' },
    { name: 'a custom runtime', code: sam('      Runtime: provided.al2023\n') },
    { name: 'serverless.yml with JSON logs for every function', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  logs:\n    lambda:\n      logFormat: JSON\nfunctions:\n  f:\n    handler: h\n' },
    { name: 'serverless.yml with JSON logs on the function', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: python3.13\nfunctions:\n  f:\n    handler: h\n    logs:\n      logFormat: JSON\n' },
    { name: 'serverless.yml format from a variable', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: python3.13\n  logs:\n    lambda:\n      logFormat: ${param:logFormat}\nfunctions:\n  f:\n    handler: h\n' },
    { name: 'serverless.yml on a Go custom runtime', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: provided.al2023\nfunctions:\n  f:\n    handler: bootstrap\n' },
    {
      name: 'SAM merges the Globals\' LoggingConfig under a function\'s own: a function that sets only its log group still logs JSON',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.13\n    LoggingConfig:\n      LogFormat: JSON\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      LoggingConfig:\n        LogGroup: /app/a\n',
    },
    {
      name: 'a `sam package` output on nodejs8.10 (Globals): the runtime\'s console cannot write JSON application logs',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: nodejs8.10\n    MemorySize: 128\nResources:\n  initializer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 300\n      CodeUri: s3://rosh-sam-deployment/964145def2d9e517dd692d1075b5e92e\n      Handler: initializer.handler\n  executor:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s3://rosh-sam-deployment/964145def2d9e517dd692d1075b5e92e\n      Handler: executor.handler\n",
    },
    {
      name: 'a .NET 6 function in Globals (JSON application logs start with .NET 8)',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    MemorySize: 256\n    Architectures: [arm64]\n    Runtime: dotnet6\n    Timeout: 300\nResources:\n  S3Function:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./src/S3Notifications\n      Handler: S3Notifications::S3Notifications.Function::FunctionHandler\n",
    },
    { name: 'Python 3.6 and 3.7, Node.js 14 and java8 on Amazon Linux 1', code: sam('      Runtime: python3.6\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.7\n  C:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs14.x\n  D:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: java8\n') },
    { name: 'serverless.yml on nodejs12.x, logFormat Text for every function', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs12.x\n  logs:\n    lambda:\n      logFormat: Text\nfunctions:\n  f:\n    handler: h\n' },
    { name: 'a runtime identifier Lambda has not had', code: sam('      Runtime: nodejs99.x\n') },
    { name: 'serverless.yml for another provider', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: google\n  runtime: nodejs22\nfunctions:\n  f:\n    handler: h\n' },
  ],
  invalid: [
    { name: 'serverless.yml without a log format', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 6, column: 3, messageId: 'missingFramework' }] },
    {
      name: 'serverless.yml: the function keeps Text over the provider\'s JSON',
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  logs:\n    lambda:\n      logFormat: JSON\nfunctions:\n  f:\n    handler: h\n    logs:\n      logFormat: Text\n',
      errors: [{ line: 12, column: 18, messageId: 'text' }],
    },
    { name: 'no logging config', code: sam('      Runtime: python3.13\n'), errors: [{ line: 3, column: 3, messageId: 'missing' }] },
    {
      name: 'the first runtime of each language that writes JSON application logs: Node.js 16, Python 3.8, java8.al2, .NET 8',
      code: sam('      Runtime: nodejs16.x\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.8\n  C:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: java8.al2\n  D:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: dotnet8\n'),
      errors: [
        { line: 3, column: 3, messageId: 'missing', message: '(nodejs16.x)' },
        { line: 7, column: 3, messageId: 'missing', message: '(python3.8)' },
        { line: 11, column: 3, messageId: 'missing', message: '(java8.al2)' },
        { line: 15, column: 3, messageId: 'missing', message: '(dotnet8)' },
      ],
    },
    { name: 'Text format', code: sam('      Runtime: java21\n      LoggingConfig:\n        LogFormat: Text\n'), errors: [{ line: 8, column: 20, messageId: 'text' }] },
    { name: 'plain Lambda function', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      LoggingConfig:\n        LogGroup: /app/worker\n", errors: [{ line: 3, column: 3 }] },
    {
      name: 'serverless.yml: Text for every function in provider, one finding naming those without a format of their own',
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  logs:\n    lambda:\n      logFormat: Text\nfunctions:\n  f:\n    handler: h\n  g:\n    handler: h\n  h:\n    handler: h\n    logs:\n      logFormat: JSON\n',
      errors: [{ line: 7, column: 18, messageId: 'text', message: '`LogFormat: Text` is set for functions `f` and `g`; use `JSON` for structured log events.' }],
    },
    {
      name: 'Text in the Globals\' LoggingConfig: one finding naming every function it reaches that could log JSON, a function with only a log group of its own among them',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.13\n    LoggingConfig:\n      LogFormat: Text\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      LoggingConfig:\n        LogGroup: /app/a\n  B:\n    Type: AWS::Serverless::Function\n  C:\n    Type: AWS::Serverless::Function\n    Properties:\n      LoggingConfig:\n        LogFormat: JSON\n  D:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: provided.al2023\n',
      errors: [{ line: 6, column: 18, messageId: 'text', message: '`LogFormat: Text` is set for functions `A` and `B`; use `JSON` for structured log events.' }],
    },
  ],
});
