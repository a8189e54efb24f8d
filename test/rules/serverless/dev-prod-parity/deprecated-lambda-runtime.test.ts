import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/dev-prod-parity/deprecated-lambda-runtime';

const sam = (runtime: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n`;

testRule(rule, {
  valid: [
    { name: 'current Node.js, whose announced date is still ahead', code: sam('nodejs22.x') },
    { name: 'current Python', code: sam('python3.13') },
    { name: 'from a parameter', code: sam('!Ref Runtime') },
    { name: 'Java 17 on Amazon Linux 2, without a confirmed date', code: sam('java17') },
    { name: 'an unknown runtime identifier', code: sam('nodejs99.x') },
    { name: 'the newest Python', code: sam('python3.14') },
    { name: 'another provider', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: google\n  runtime: nodejs8\nfunctions:\n  f:\n    handler: h\n' },
    // Octo-Labs' ruby-serverless-examples: the Framework leaves Runtime out for a container-image function.
    { name: "a container-image function does not take the provider's runtime", filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: ruby2.7\n  ecr:\n    images:\n      dockerimage:\n        path: ./\nfunctions:\n  hello:\n    image:\n      name: dockerimage\n' },
    { name: "nor a SAM image function the Globals' runtime", code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.8\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n' },
    { name: 'functions included from other files, on a current provider runtime', filename: 'serverless.yml', code: "service: backend\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  - ${file(./serverless/api.yml)}\n" },
    { name: 'a runtime per stage, current in every deployed stage', filename: 'serverless.yml', code: "service: a\ncustom:\n  local: {runtime: nodejs16.x}\n  prod: {runtime: nodejs22.x}\nprovider:\n  name: aws\n  runtime: ${self:custom.${opt:stage}.runtime}\nfunctions:\n  f:\n    handler: h\n" },
  ],
  invalid: [
    { name: '.NET 8 after its date', code: sam('dotnet8'), errors: [{ line: 6, column: 16, message: '2026-11-10' }] },
    { name: 'ruby3.2', code: sam('Ruby3.2'), errors: [{ line: 6, column: 16, message: 'ruby3.4' }] },
    { name: 'nodejs16.x', code: sam('nodejs16.x'), errors: [{ line: 6, column: 16, endColumn: 26, messageId: 'deprecated', message: 'nodejs24.x' }] },
    { name: 'python2.7 in Globals', code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python2.7\nResources:\n  A:\n    Type: AWS::Serverless::Function\n  B:\n    Type: AWS::Serverless::Function\n', errors: [{ line: 4, column: 14, message: '2021-07-15' }] },
    { name: 'go1.x in serverless.yml', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  runtime: go1.x\nfunctions:\n  f:\n    handler: bin/f\n', errors: [{ line: 4, column: 12 }] },
    { name: 'JSON template', filename: 'template.json', code: '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "ruby2.7"}}}}', errors: [{ line: 1, column: 82 }] },
    {
      // serverless/examples aws-python-sqs-worker: serverless-lift deploys the queue's worker as `jobsWorker`.
      name: "a Lift queue construct's worker runs on the provider's runtime too",
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: python3.9\nconstructs:\n  jobs:\n    type: queue\n    worker:\n      handler: handler.consumer\nfunctions:\n  producer:\n    handler: handler.producer\n',
      errors: [{ line: 4, column: 12, message: 'of functions `producer` and `jobsWorker`' }],
    },
    {
      name: "a Lift worker's own runtime",
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: python3.13\nconstructs:\n  jobs:\n    type: queue\n    worker:\n      handler: handler.consumer\n      runtime: python3.8\nfunctions:\n  producer:\n    handler: handler.producer\n',
      errors: [{ line: 10, column: 16, message: 'of function `jobsWorker`' }],
    },
    {
      name: "an image function beside a zip one: only the zip one takes the provider's runtime",
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: ruby2.7\nfunctions:\n  hello:\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello:1.0\n  zip:\n    handler: handler.run\n',
      errors: [{ line: 4, column: 12, message: 'of function `zip`' }],
    },
    {
      // 1011Daniel/reto-backend-aws: every function is in serverless/api.yml or serverless/worker.yml.
      name: 'the provider runtime of functions included from other files',
      filename: 'serverless.yml',
      code: "service: backend\nprovider:\n  name: aws\n  runtime: nodejs16.x\n  region: us-east-1\nfunctions:\n  - ${file(./serverless/api.yml)}\n  - ${file(./serverless/worker.yml)}\n",
      errors: [{ line: 4, column: 12, messageId: 'included', message: 'Runtime `nodejs16.x`, the default of the functions in `./serverless/api.yml` and `./serverless/worker.yml` unless they set their own' }],
    },
    {
      name: 'a function of the file takes the provider runtime too: one finding, naming it',
      filename: 'serverless.yml',
      code: "service: backend\nprovider:\n  name: aws\n  runtime: nodejs16.x\nfunctions:\n  api: ${file(./api.yml)}\n  worker:\n    handler: worker.handler\n",
      errors: [{ line: 4, column: 12, messageId: 'deprecated', message: 'functions `api` and `worker`' }],
    },
    {
      // mobileposse/serverless-kinesis-cache-example: every stage's runtime is nodejs4.3.
      name: 'a runtime per stage read through ${self:custom.${opt:stage}…}',
      filename: 'serverless.yml',
      code: "service: demo\ncustom:\n  local:\n    redisHost: localhost\n    runtime: nodejs4.3\n  test:\n    redisHost: demo-test.z6hach.0001.use1.cache.amazonaws.com\n    runtime: nodejs4.3\nprovider:\n  name: aws\n  runtime: ${self:custom.${opt:stage}.runtime}\n  environment:\n    REDIS_HOST: ${self:custom.${opt:stage}.redisHost}\nfunctions:\n  consume:\n    handler: consume.handler\n",
      errors: [{ line: 11, column: 12, message: 'Runtime `nodejs4.3` of function `consume`' }],
    },
  ],
});
