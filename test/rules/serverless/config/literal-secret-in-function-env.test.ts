import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/config/literal-secret-in-function-env';

const sam = (body: string) => `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${body}`;

testRule(rule, {
  valid: [
    { name: 'secret name from a parameter and the ARN of a secret', code: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n      Environment:\n        Variables:\n          DB_PASSWORD_SECRET_ARN: !Ref DbSecret\n          API_KEY: !Ref ApiKeyParameter\n') },
    { name: 'long-form Ref in JSON', filename: 'template.json', code: '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Lambda::Function",\n      "Properties": {\n        "Environment": { "Variables": { "API_TOKEN": { "Ref": "Token" } } }\n      }\n    }\n  }\n}\n' },
    { name: 'Serverless Framework variables are references', filename: 'serverless.yml', code: 'service: shop\nprovider:\n  name: aws\n  environment:\n    DB_PASSWORD: ${ssm:/shop/db-password-name}\nfunctions:\n  api:\n    handler: index.handler\n    environment:\n      STRIPE_SECRET_KEY: ${env:STRIPE_SECRET_KEY}\n' },
    { name: 'fill-in placeholder', filename: 'serverless.yml', code: 'service: maps\nprovider:\n  name: aws\n  environment:\n    GOOGLE_API_KEY: AIzaXXXX\nfunctions:\n  geo:\n    handler: main\n' },
    {
      name: 'a dummy key for DynamoDB Local, and an iteration count under a password name (serverless-test-samples, serverless/examples)',
      code: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          AWS_ACCESS_KEY_ID: DUMMYIDEXAMPLE\n          AWS_SECRET_ACCESS_KEY: DUMMYEXAMPLEKEY\n          PASSWORD_ITERATIONS: 4096\n          EMAIL_SERVICE_API_KEY: KEYEXAMPLE1234\n'),
    },
    {
      // aws-samples/simple-websockets-chat-app's packaged template.
      name: 'sample values marked as such',
      code: sam('  OnConnectFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          ACCESSKEY: samplekey\n          SECRET: samplesecret\n'),
    },
    { name: 'a YAML file that is no template is not read', filename: 'ci.yml', code: 'on: push\nenv:\n  DB_PASSWORD: hunter2hunter2\n' },
    { name: 'a token a deploy script substitutes (wokamoto slack-webhook-integration-sample)', filename: 'serverless.yml', code: "service: slack\nprovider:\n  name: aws\nfunctions:\n  hook:\n    handler: handler.hook\n    environment:\n      SLACK_OUTGOING_TOKEN: '__SLACK_OUTGOING_TOKEN_HERE__'\n      API_TOKEN: '@API_TOKEN@'\n      DB_PASSWORD: '%DB_PASSWORD%'\n" },
    {
      name: "LocalStack's dummy credentials in a template run only by `sam local` (tech-challenge-user-authentication)",
      code: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          AWS_ENDPOINT_URL: http://localstack:4566\n          AWS_ACCESS_KEY_ID: test\n          AWS_SECRET_ACCESS_KEY: test\n'),
    },
    { name: "a deploy variable whose fallback is a placeholder (20ns/LifeBridge's JWT_SECRET)", filename: 'serverless.yml', code: "service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    JWT_SECRET: ${env:JWT_SECRET, 'change_this_dev_secret'}\nfunctions:\n  api:\n    handler: h.h\n" },
    {
      // silinternational/serverless-mfa-api-go (review set 84): the names of the tables, bucket and queue that keep keys and tokens.
      name: 'the store that keeps secrets, named by a secret word (API_KEY_TABLE, SECRET_BUCKET, TOKEN_QUEUE)',
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    API_KEY_TABLE: ${env:API_KEY_TABLE, "api-key"}\n    SECRET_BUCKET: ${env:SECRET_BUCKET, "my-secrets"}\n    PASSWORD_RESET_QUEUE: ${env:PASSWORD_RESET_QUEUE}\nfunctions:\n  f:\n    handler: h.h\n',
    },
    {
      // oleksiivelychko/go-aws-sam and AbhijeetAayush/QuorumBridge (review set 90).
      name: "an emulator's `local` credentials, and a token's contract address (public on its chain)",
      code: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          AWS_ENDPOINT: http://host.docker.internal:4566\n          AWS_ACCESS_KEY_ID: local\n          AWS_SECRET_ACCESS_KEY: local\n          TOKEN_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3"\n'),
    },
  ],
  invalid: [
    {
      name: 'literal password in a SAM function',
      code: sam('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          DB_PASSWORD: s3cr3t-Passw0rd\n'),
      errors: [{ line: 9, column: 24, endColumn: 39, messageId: 'literal', message: '`DB_PASSWORD` of function `Fn`' }],
    },
    {
      name: 'a token shape inherited from Globals, reported once on its line',
      code: `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Environment:\n      Variables:\n        GH: ghp_${'a'.repeat(36)}\nResources:\n  A:\n    Type: AWS::Serverless::Function\n  B:\n    Type: AWS::Serverless::Function\n`,
      errors: [{ line: 6, column: 13, message: 'a GitHub token' }],
    },
    {
      name: 'JSON CloudFormation template',
      filename: 'stack.json',
      code: '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Lambda::Function",\n      "Properties": {\n        "Environment": { "Variables": { "API_KEY": "live-9f8e7d6c5b4a3921" } }\n      }\n    }\n  }\n}\n',
      errors: [{ line: 6, column: 52 }],
    },
    {
      name: 'serverless.yml provider and function environments',
      filename: 'serverless.yml',
      code: 'service: shop\nprovider:\n  name: aws\n  environment:\n    DB_PASSWORD: "p4ssw0rd-prod"\nfunctions:\n  api:\n    handler: index.handler\n    environment:\n      STRIPE_SECRET_KEY: sk_live_abcdefghijklmnop1234\n',
      errors: [{ line: 5, column: 18 }, { line: 10, column: 26, message: 'a Stripe secret key' }],
    },
    {
      name: 'a literal the file writes under custom, named by ${self:…} (serverless/examples aws-node-graphql-and-rds)',
      filename: 'serverless.yml',
      code: 'service: graphql\ncustom:\n  db:\n    password: Qz7-hunter2-Lk9\n  alias: ${self:custom.db.password}\nprovider:\n  name: aws\n  environment:\n    DB_PASSWORD: ${self:custom.alias}\n    DB_USER: ${self:custom.missing}\nfunctions:\n  api:\n    handler: index.handler\n',
      errors: [{ line: 9, column: 18, message: '`DB_PASSWORD` of function `api` is a literal value under a secret-like name' }],
    },
    {
      name: "Laravel's application key written in clear (Bref's Laravel examples)",
      filename: 'serverless.yml',
      code: "service: laravel\nprovider:\n  name: aws\n  runtime: provided.al2\n  environment:\n    APP_ENV: production\n    APP_KEY: base64:Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=\nfunctions:\n  web:\n    handler: public/index.php\n",
      errors: [{ line: 7, column: 14, message: 'a Laravel application key' }],
    },
    {
      name: "a password per stage in the template's Mappings",
      code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  Stage: {Type: String}\nMappings:\n  Stages:\n    dev: {DbPassword: "s3cr3t-Dev-2024!"}\n    prod: {DbPassword: "Pr0d-p4ssw0rd-9x!"}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          DB_PASSWORD: !FindInMap [Stages, !Ref Stage, DbPassword]\n',
      errors: [{ line: 14, column: 24, endColumn: 67 }],
    },
    {
      // kashaf's sls-sqs-dynamo writes `environment: ${self:custom.settings}`; stage maps are as common.
      name: 'an environment that is a whole `${self:}` reference to a map, per stage',
      filename: 'serverless.yml',
      code: 'service: a\ncustom:\n  env:\n    dev:\n      DB_PASSWORD: Xk9vq2Lm77dev\n    prod:\n      DB_PASSWORD: ${ssm:/a/prod/db}\nprovider:\n  name: aws\n  stage: dev\n  environment: ${self:custom.env.${self:provider.stage}}\nfunctions:\n  f:\n    handler: h.f\n    environment: ${self:custom.fn}\n',
      errors: [{ line: 5, column: 20, message: '`DB_PASSWORD` of function `f`' }],
    },
    {
      name: 'a deploy variable that falls back to a literal secret committed with the template',
      filename: 'serverless.yml',
      code: "service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    API_TOKEN: ${env:API_TOKEN, 'sk_live_51HqQ2bC3dE4fG5hI6jK7lM8n'}\nfunctions:\n  api:\n    handler: h.h\n",
      errors: [{ line: 6, column: 16, messageId: 'fallback', message: 'When `${env:API_TOKEN}` is unset at deploy time, `API_TOKEN` of function `api` falls back to a Stripe secret key written in the template' }],
    },
  ],
});
