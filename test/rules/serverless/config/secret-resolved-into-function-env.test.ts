import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/config/secret-resolved-into-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'the ARN of the secret, read at run time', code: sam('          DB_SECRET_ARN: !Ref DbSecret\n') },
    { name: 'a non-secret field of a database secret', code: sam('          DB_USER: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:username}}"\n') },
    { name: 'a plain SSM parameter', code: sam('          TABLE: "{{resolve:ssm:/app/table-name}}"\n') },
    { name: 'a plain ssm variable under a harmless name', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    environment:\n      TABLE_NAME: ${ssm:/app/table}\n' },
  ],
  invalid: [
    { name: 'Secrets Manager dynamic reference', code: sam('          DB_PASSWORD: "{{resolve:secretsmanager:prod/db:SecretString:password}}"\n'), errors: [{ line: 8, column: 24, messageId: 'resolve' }] },
    { name: 'ssm-secure inside !Sub', code: sam('          TOKEN: !Sub "{{resolve:ssm-secure:/app/${Stage}/token:1}}"\n'), errors: [{ line: 8, column: 18 }] },
    { name: 'serverless.yml decrypting with ~true', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    KEY: ${ssm:/app/key~true}\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 10 }] },
    { name: 'serverless.yml ssm under a secret name', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    environment:\n      GITHUB_TOKEN: ${ssm:githubToken}\n', errors: [{ line: 8, column: 21 }] },
  ],
});
