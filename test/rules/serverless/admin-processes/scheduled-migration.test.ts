import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/admin-processes/scheduled-migration';

testRule(rule, {
  valid: [
    { name: 'a scheduled report', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Report:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: report.handler\n      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n' },
    { name: 'a migration invoked by hand', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Migrate:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: migrate.handler\n' },
    { name: 'a migration on an API', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  migrate:\n    handler: migrate.run\n    events:\n      - http: POST /migrate\n' },
  ],
  invalid: [
    { name: 'SAM schedule', code: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: runMigrations.handler\n      Events:\n        Nightly:\n          Type: ScheduleV2\n', errors: [{ line: 8, column: 9, messageId: 'scheduled' }] },
    { name: 'serverless.yml schedule', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  seedData:\n    handler: h\n    events:\n      - schedule: rate(1 hour)\n', errors: [{ line: 8, column: 9 }] },
    { name: 'an events rule targeting a Lambda function', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  DbMigrator:\n    Type: AWS::Lambda::Function\n  Every:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(5 minutes)\n      Targets:\n        - Arn: !GetAtt DbMigrator.Arn\n          Id: t\n", errors: [{ line: 5, column: 3 }] },
  ],
});
