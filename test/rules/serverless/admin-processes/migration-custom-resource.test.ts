import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/admin-processes/migration-custom-resource';

testRule(rule, {
  valid: [
    { name: 'a custom resource that creates a bucket', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Helper:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: bucket.handler\n  Bucket:\n    Type: Custom::S3Bucket\n    Properties:\n      ServiceToken: !GetAtt Helper.Arn\n' },
    { name: 'a migration function without a custom resource', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Migrate:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: migrate.handler\n' },
    { name: 'a seedling is not a seed', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Seedlings:\n    Type: Custom::Seedlings\n    Properties:\n      ServiceToken: !ImportValue helper\n' },
  ],
  invalid: [
    { name: 'the function migrates', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  SchemaFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: db/migrate.handler\n  RunSchema:\n    Type: Custom::Schema\n    Properties:\n      ServiceToken: !GetAtt SchemaFn.Arn\n', errors: [{ line: 7, column: 3, messageId: 'custom', message: 'db/migrate.handler' }] },
    { name: 'the resource seeds', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  SeedDatabase:\n    Type: AWS::CloudFormation::CustomResource\n    Properties:\n      ServiceToken: !ImportValue helper-arn\n", errors: [{ line: 3, column: 3 }] },
    { name: 'serverless.yml resources', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  dbMigrations:\n    handler: h\nresources:\n  Resources:\n    Run:\n      Type: Custom::Run\n      Properties:\n        ServiceToken: !GetAtt DbMigrationsLambdaFunction.Arn\n', errors: [{ line: 9, column: 5 }] },
  ],
});
