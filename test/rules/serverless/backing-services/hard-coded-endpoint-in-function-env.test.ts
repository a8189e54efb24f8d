import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/backing-services/hard-coded-endpoint-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'endpoint from the resource', code: sam('          DB_HOST: !GetAtt Db.Endpoint.Address\n          REDIS_URL: !Sub "redis://${Cache.RedisEndpoint.Address}:6379"\n') },
    { name: 'a public HTTPS API is no backing service', code: sam('          PAYMENT_API: https://api.example.com/v1\n') },
    { name: 'a table name', code: sam('          TABLE_NAME: orders\n          DB_NAME: shop\n') },
    { name: 'serverless.yml variable', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    DATABASE_URL: ${ssm:/app/db-url}\nfunctions:\n  f:\n    handler: h\n' },
    // rodrigodiez/serverless-go-s3-dynamo-lambda: the queue URL is hard-coded-resource-arn-in-function-env's to report.
    { name: "an SQS queue URL on AWS's regional endpoint, and the global SNS endpoint", code: sam('          SQS_QUEUE_URL: https://sqs.eu-west-1.amazonaws.com/011577845742/agreements-update\n          SNS_ENDPOINT: https://sns.amazonaws.com\n') },
    // caraghaws' sqs-add.yaml: a queue URL with its parts still to fill in.
    { name: 'a URL whose host has a part to fill in', code: sam('          SQS_QUEUE_URL: https://sqs.<region>.amazonaws.com/<accountnumber>/<queueurl>\n          DB_HOST: <your-db-host>\n') },
    {
      name: 'a host per stage read through ${self:custom.${opt:stage}…}: only serverless-offline\'s local stage names one, or another stage reads it from SSM',
      filename: 'serverless.yml',
      code: "service: demo\ncustom:\n  local:\n    redisHost: localhost\n  prod:\n    redisHost: ${ssm:/demo/redis-host}\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    REDIS_HOST: ${self:custom.${opt:stage}.redisHost}\nfunctions:\n  consume:\n    handler: consume.handler\n",
    },
    { name: 'a bare word that fills a place in', code: sam('          DB_HOST: none\n          CACHE_HOST: changeme\n') },
  ],
  invalid: [
    { name: 'a connection URL', code: sam('          DATABASE_URL: postgres://app@orders-db.example.internal:5432/orders\n'), errors: [{ line: 8, column: 25, messageId: 'endpoint', message: 'postgres service' }] },
    { name: 'an RDS host name', code: sam('          DB_HOST: orders.c9akciq32.eu-west-1.rds.amazonaws.com\n'), errors: [{ line: 8, column: 20 }] },
    { name: 'an IP address', code: sam('          REDIS_HOST: 10.0.3.17\n'), errors: [{ line: 8, column: 23 }] },
    { name: 'a vector store by a name the older list did not know', code: sam('          QDRANT_URL: https://vectors.example.internal:6333\n          SEARCH_ENDPOINT: search.example.internal:9200\n'), errors: [{ line: 8, column: 23 }, { line: 9, column: 28 }] },
    { name: 'localhost in serverless.yml', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    environment:\n      DYNAMODB_ENDPOINT: http://localhost:8000\n', errors: [{ line: 8, column: 26 }] },
    {
      name: "a CloudSearch domain's search and document hosts, under names no list knows (0Richard's hopo-middleware)",
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  environment:\n    CS_SEARCH_ENDPOINT: search-hopo-x7k2.ap-northeast-2.cloudsearch.amazonaws.com\n    CS_DOC_ENDPOINT: doc-hopo-x7k2.ap-northeast-2.cloudsearch.amazonaws.com\nfunctions:\n  f:\n    handler: h\n',
      errors: [{ line: 5, column: 25 }, { line: 6, column: 22 }],
    },
    {
      name: "a host per environment in the template's Mappings (evergarden0412/gptea-api)",
      code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\nMappings:\n  EnvMap:\n    dev: {DBHost: gptea-dev.cdkmn8yg5hzw.ap-northeast-2.rds.amazonaws.com}\n    prod: {DBHost: gptea-instance-1.cdkmn8yg5hzw.ap-northeast-2.rds.amazonaws.com}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          DB_HOST: !FindInMap [EnvMap, !Ref Env, DBHost]\n',
      errors: [{ line: 14, column: 20, endColumn: 57, message: '`gptea-dev.cdkmn8yg5hzw.ap-northeast-2.rds.amazonaws.com`' }],
    },
    {
      // mobileposse/serverless-kinesis-cache-example: a map of settings per stage, the stage chosen at deploy.
      name: 'a host per stage read through ${self:custom.${opt:stage}…}',
      filename: 'serverless.yml',
      code: "service: demo\ncustom:\n  local:\n    redisHost: localhost\n    runtime: nodejs4.3\n  test:\n    redisHost: demo-test.z6hach.0001.use1.cache.amazonaws.com\n    runtime: nodejs4.3\nprovider:\n  name: aws\n  runtime: ${self:custom.${opt:stage}.runtime}\n  environment:\n    REDIS_HOST: ${self:custom.${opt:stage}.redisHost}\nfunctions:\n  consume:\n    handler: consume.handler\n",
      errors: [{ line: 13, column: 17, message: '`demo-test.z6hach.0001.use1.cache.amazonaws.com`' }],
    },
    {
      name: 'a per-stage map where one stage reads SSM and another writes the host: the written one is judged',
      filename: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    DB_HOST: ${self:custom.DB_HOST.${self:provider.stage}}\ncustom:\n  DB_HOST:\n    dev: ${ssm:DB_HOST_DEV}\n    prd: mydb.abc123.us-east-1.rds.amazonaws.com\nfunctions: {api: {handler: h.handler}}\n',
      errors: [{ line: 6, column: 14, message: '`mydb.abc123.us-east-1.rds.amazonaws.com`' }],
    },
    {
      // 13SOAT-andromeda/tech-challenge-user-authentication (review set 97): a Compose name, which Lambda cannot resolve.
      name: 'a bare host name, which only the local setup resolves',
      code: sam('          DB_HOST: localstack-postgres\n          DB_PORT: "5432"\n          REDIS_URL: redis://cache:6379/0\n'),
      errors: [{ line: 8, column: 20, message: 'hard-codes the backing service at `localstack-postgres`' }, { line: 10, column: 22, message: 'redis service at `cache`' }],
    },
  ],
});
