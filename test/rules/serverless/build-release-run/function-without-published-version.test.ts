import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/build-release-run/function-without-published-version';

testRule(rule, {
  valid: [
    { name: 'AutoPublishAlias', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n' },
    { name: 'AutoPublishAlias in Globals', code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    AutoPublishAlias: !Ref Stage\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n' },
    { name: 'a Lambda version and alias', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n  FnVersion:\n    Type: AWS::Lambda::Version\n    Properties:\n      FunctionName: !Ref Fn\n" },
    { name: 'a custom resource helper', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Helper:\n    Type: AWS::Serverless::Function\n  Setup:\n    Type: Custom::Setup\n    Properties:\n      ServiceToken: !GetAtt Helper.Arn\n' },
    { name: 'serverless.yml versions by default', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n' },
  ],
  invalid: [
    { name: 'SAM function without alias', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n', errors: [{ line: 3, column: 3, endColumn: 5, messageId: 'noAlias' }] },
    { name: 'Lambda function without version', filename: 'stack.json', code: '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function", "Properties": {} }\n  }\n}\n', errors: [{ line: 3, column: 5, messageId: 'noVersion' }] },
    { name: 'versionFunctions: false', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  versionFunctions: false\nfunctions:\n  f:\n    handler: h\n  g:\n    handler: i\n', errors: [{ line: 4, column: 21, messageId: 'disabled' }] },
  ],
});
