import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/config/secret-resolved-into-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'the ARN of the secret, read at run time', code: sam('          DB_SECRET_ARN: !Ref DbSecret\n') },
    { name: 'a non-secret field of a database secret', code: sam('          DB_USER: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:username}}"\n') },
    {
      name: 'non-secret fields of a vendor\'s connection secret in Globals: its base URL, cluster id and tenant (the auth token beside them is reported)',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Environment:\n      Variables:\n        DT_CONNECTION_BASE_URL: !Sub\n          - "{{resolve:secretsmanager:${SecretArn}:SecretString:DT_CONNECTION_BASE_URL}}"\n          - SecretArn:\n              !FindInMap [EnvironmentConfiguration, !Ref Environment, dynatraceSecretArn]\n        DT_CLUSTER: !Sub\n            - "{{resolve:secretsmanager:${SecretArn}:SecretString:DT_CLUSTER_ID}}"\n            - SecretArn:\n                !FindInMap\n                - EnvironmentConfiguration\n                - !Ref Environment\n                - dynatraceSecretArn\n        DT_TENANT: !Sub\n          - "{{resolve:secretsmanager:${SecretArn}:SecretString:DT_TENANT}}"\n          - SecretArn: !FindInMap [EnvironmentConfiguration, !Ref Environment, dynatraceSecretArn]\nResources:\n  AddressFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: java17\n',
    },
    { name: 'identifiers and the endpoint of a database secret, camelCase or not', code: sam('          DB_CLUSTER: "{{resolve:secretsmanager:prod/db:SecretString:dbClusterIdentifier}}"\n          DB_ENDPOINT: "{{resolve:secretsmanager:prod/db:SecretString:proxy_endpoint}}"\n          DB_NAME: "{{resolve:secretsmanager:prod/db:SecretString:db_name:AWSCURRENT}}"\n') },
    { name: 'a plain SSM parameter', code: sam('          TABLE: "{{resolve:ssm:/app/table-name}}"\n') },
    { name: 'a plain ssm variable under a harmless name', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    environment:\n      TABLE_NAME: ${ssm:/app/table}\n' },
    {
      name: "a NoEcho parameter that names a host, not a credential (coralogix's Salesforce integration)",
      code: 'Parameters:\n  SFHost:\n    Type: String\n    NoEcho: true\n' + sam('          SF_HOST:\n            Ref: SFHost\n'),
    },
    {
      name: 'parameters that are not NoEcho, and a NoEcho parameter that goes to the database only',
      code: 'Parameters:\n  Stage:\n    Type: String\n  DBPassword:\n    Type: String\n    NoEcho: true\n  DBUser:\n    Type: String\n    NoEcho: false\n' + sam('          STAGE: !Ref Stage\n          DB_USER: !Ref DBUser\n          DB_SECRET_ARN: !Ref DbSecret\n') + '  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: !Ref DBPassword\n',
    },
    {
      name: 'plain parameters that locate a secret, by their names or their defaults, or do not say secret',
      code: "Parameters:\n  SlackBotTokenParam:\n    Type: String\n    Default: /slack/bot_token\n  SecretArn:\n    Type: String\n  Stage:\n    Type: String\n  DbPasswordPath:\n    Type: String\n" + sam('          SLACK_BOT_TOKEN_PARAM: !Ref SlackBotTokenParam\n          SLACK_TOKEN_LOCATION: !Ref SlackBotTokenParam\n          secret_arn: !Ref SecretArn\n          STAGE: !Ref Stage\n          DB_PASSWORD: !Ref DbPasswordPath\n'),
    },
    {
      name: "a write key beside the KMS key that decrypts it: the parameter may hold a ciphertext (Honeycomb's integrations)",
      code: "Parameters:\n  HoneycombWriteKey:\n    Type: String\n  KMSKeyId:\n    Type: String\n    Default: ''\n" + sam('          HONEYCOMB_WRITE_KEY: !Ref HoneycombWriteKey\n          KMS_KEY_ID: !Ref KMSKeyId\n'),
    },
    { name: 'serverless.yml: values from the deploying shell under names that do not say secret, or name an SSM parameter', filename: 'serverless.yml', code: 'service: invite\nprovider:\n  name: aws\n  environment:\n    SLACK_TEAM: ${env:SLACK_TEAM}\n    STAGE: ${param:stage, dev}\n    ssm_logz_io_token_key: ${env:SSM_LOGZ_IO_TOKEN_KEY}\nfunctions:\n  invite:\n    handler: h.invite\n' },
    {
      name: "how long a token lasts, from plain parameters under token names (buildxup-backend's TOKEN_EXPIRE)",
      code: 'Parameters:\n  TokenExpire:\n    Type: String\n    Description: Token expiration time\n  RefreshTokenExpire:\n    Type: String\n' + sam('          TOKEN_EXPIRE: !Ref TokenExpire\n          REFRESH_TOKEN_EXPIRE: !Ref RefreshTokenExpire\n          ACCESS_TOKEN_EXPIRE_MINUTES: !Ref TokenExpire\n          SESSION_SECRET_MAX_AGE: !Ref TokenExpire\n'),
    },
    { name: 'an SSM-typed parameter under a name that is not secret', code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  SlackWebhookUrl:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/slack-webhook\n  TableName:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/table\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          TABLE_NAME: !Ref TableName\n' },
    // emreisikligil/lambda-flask-template and pokryfka/thumbnailer-api: a public key kept as a SecureString, Sentry's DSN.
    { name: 'a public key decrypted from SSM, and a Sentry DSN from a plain parameter', filename: 'serverless.yml', code: "service: api\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n    RSA_PUBLIC_KEY: ${ssm:/lambda-flask/RSA_PUBLIC_KEY~true}\n    jwtPublicKey: ${ssm:/lambda-flask/jwt-public-key~true}\nfunctions:\n  api:\n    handler: app.handler\n" },
    { name: "Sentry's DSN from a plain String parameter", code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  SentryDsn: {Type: String}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Environment:\n        Variables:\n          SENTRY_DSN: !Ref SentryDsn\n' },
    {
      // silinternational/serverless-mfa-api-go (review set 84): the names of the tables, bucket and queue that keep keys and tokens.
      name: 'the store that keeps secrets, named by a secret word (API_KEY_TABLE, SECRET_BUCKET, TOKEN_QUEUE)',
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    API_KEY_TABLE: ${env:API_KEY_TABLE, "api-key"}\n    SECRET_BUCKET: ${env:SECRET_BUCKET, "my-secrets"}\n    PASSWORD_RESET_QUEUE: ${env:PASSWORD_RESET_QUEUE}\nfunctions:\n  f:\n    handler: h.h\n',
    },
    {
      name: 'the provider environment of included functions, nothing secret in it',
      filename: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n    STAGE: ${sls:stage}\n    TABLE: ${ssm:/app/table}\nfunctions:\n  - ${file(fns/a.yml)}\n',
    },
    {
      // AbhijeetAayush/QuorumBridge (review set 90): an ERC-20 contract's address, public on its chain.
      name: "a token's contract address from a plain parameter",
      code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  EthereumSepoliaTokenAddress:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Environment:\n        Variables:\n          ETHEREUM_SEPOLIA_TOKEN_ADDRESS: !Ref EthereumSepoliaTokenAddress\n',
    },
    { name: 'a plain parameter that is one word of the variable says nothing of a secret', code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  Url:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          SLACK_HOOK_URL: !Ref Url\n' },
  ],
  invalid: [
    { name: 'Secrets Manager dynamic reference', code: sam('          DB_PASSWORD: "{{resolve:secretsmanager:prod/db:SecretString:password}}"\n'), errors: [{ line: 8, column: 24, messageId: 'resolve' }] },
    {
      name: 'the auth tokens of a vendor\'s connection secret, beside its non-secret fields',
      code: 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Environment:\n      Variables:\n        DT_CONNECTION_AUTH_TOKEN: !Sub\n          - "{{resolve:secretsmanager:${SecretArn}:SecretString:DT_CONNECTION_AUTH_TOKEN}}"\n          - SecretArn: !FindInMap [EnvironmentConfiguration, !Ref Environment, dynatraceSecretArn]\n        DT_TENANT: !Sub\n          - "{{resolve:secretsmanager:${SecretArn}:SecretString:DT_TENANT}}"\n          - SecretArn: !FindInMap [EnvironmentConfiguration, !Ref Environment, dynatraceSecretArn]\n        DT_LOG_COLLECTION_AUTH_TOKEN: !Sub\n          - "{{resolve:secretsmanager:${SecretArn}:SecretString:DT_LOG_COLLECTION_AUTH_TOKEN}}"\n          - SecretArn: !FindInMap [EnvironmentConfiguration, !Ref Environment, dynatraceSecretArn]\nResources:\n  AddressFunction:\n    Type: AWS::Serverless::Function\n',
      errors: [
        { line: 6, column: 35, messageId: 'resolve', message: '`DT_CONNECTION_AUTH_TOKEN` of function `AddressFunction`' },
        { line: 12, column: 39, messageId: 'resolve', message: '`DT_LOG_COLLECTION_AUTH_TOKEN`' },
      ],
    },
    { name: 'the whole secret, not one field of it', code: sam('          DT_CONFIG: !Sub "{{resolve:secretsmanager:${SecretArn}}}"\n          DT_SECRET: !Sub "{{resolve:secretsmanager:${SecretArn}:SecretString}}"\n'), errors: [{ line: 8, column: 22 }, { line: 9, column: 22 }] },
    { name: 'a connection URL or a webhook URL kept in a secret', code: sam('          DATABASE_URL: "{{resolve:secretsmanager:prod/db:SecretString:DATABASE_URL}}"\n          HOOK: "{{resolve:secretsmanager:slack:SecretString:webhookUrl}}"\n'), errors: [{ line: 8, column: 25 }, { line: 9, column: 17 }] },
    {
      name: 'a value built from a public and a secret field of one secret',
      code: sam('          DB_URI: !Sub "postgres://{{resolve:secretsmanager:${Db}:SecretString:username}}:{{resolve:secretsmanager:${Db}:SecretString:password}}@db:5432/app"\n'),
      errors: [{ line: 8, column: 19 }],
    },
    { name: 'ssm-secure inside !Sub', code: sam('          TOKEN: !Sub "{{resolve:ssm-secure:/app/${Stage}/token:1}}"\n'), errors: [{ line: 8, column: 18 }] },
    { name: 'serverless.yml decrypting with ~true', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    KEY: ${ssm:/app/key~true}\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 10 }] },
    { name: 'serverless.yml ssm under a secret name', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    environment:\n      GITHUB_TOKEN: ${ssm:githubToken}\n', errors: [{ line: 8, column: 21 }] },
    {
      name: 'a NoEcho parameter passed into the environment, by Ref and inside a Sub (aws-samples serverless-mail)',
      code: 'Parameters:\n  Stage:\n    Type: String\n  DBPassword:\n    Type: String\n    NoEcho: true\n  DBUser:\n    Type: String\n    NoEcho: false\n' + sam('          dbpassword: !Ref DBPassword\n          DB_URL: !Sub "mysql://${DBUser}:${DBPassword}@db:3306/app"\n'),
      errors: [
        { line: 17, column: 23, messageId: 'noEcho', message: '`dbpassword` of function `Fn` takes `DBPassword`, a NoEcho parameter' },
        { line: 18, column: 19, messageId: 'noEcho' },
      ],
    },
    {
      name: 'a token passed through a plain String parameter: shown in the stack and in the function (lambda-to-slack)',
      code: "Parameters:\n  SlackToken:\n    Type: String\n  SlackChannel:\n    Type: String\n" + sam('          SLACK_TOKEN: !Ref SlackToken\n          SLACK_CHANNEL: !Ref SlackChannel\n'),
      errors: [{ line: 13, column: 24, messageId: 'plainParameter', message: '`SLACK_TOKEN` of function `Fn` takes `SlackToken`, a parameter that the stack and the function\'s configuration both show in clear' }],
    },
    {
      name: "vendors' ingest keys through plain parameters, acronyms in the parameter's name (New Relic, Honeycomb)",
      code: "Parameters:\n  NRLicenseKey:\n    Type: String\n    Default: YOUR_LICENSE_KEY\n  HoneycombWriteKey:\n    Type: String\n" + sam('          LICENSE_KEY: !Ref NRLicenseKey\n          HONEYCOMB_WRITE_KEY: !Ref HoneycombWriteKey\n'),
      errors: [
        { line: 14, column: 24, messageId: 'plainParameter', message: '`LICENSE_KEY` of function `Fn` takes `NRLicenseKey`' },
        { line: 15, column: 32, messageId: 'plainParameter', message: '`HONEYCOMB_WRITE_KEY` of function `Fn` takes `HoneycombWriteKey`' },
      ],
    },
    {
      name: "serverless.yml: a token from the deploying shell and a password from the Dashboard's parameters (serverless-slack-invite)",
      filename: 'serverless.yml',
      code: 'service: invite\nprovider:\n  name: aws\n  environment:\n    SLACK_API_TOKEN: ${env:SLACK_API_TOKEN}\n    DB_PASSWORD: ${param:dbPassword, \'\'}\nfunctions:\n  invite:\n    handler: h.invite\n',
      errors: [
        { line: 5, column: 22, messageId: 'deployValue', message: '`SLACK_API_TOKEN` of function `invite` takes `${env:SLACK_API_TOKEN}` at deploy time' },
        { line: 6, column: 18, messageId: 'deployValue', message: '`${param:dbPassword}`' },
      ],
    },
    {
      name: 'serverless.yml: a key of a local secrets file, directly and through custom (yosriady serverless-stripe-backend)',
      filename: 'serverless.yml',
      code: 'service: stripe\ncustom:\n  secrets: ${file(secrets.json)}\nprovider:\n  name: aws\n  environment:\n    STRIPE_SECRET_KEY: ${self:custom.secrets.stripeSecretKey}\n    WEBHOOK_SECRET: ${file(./secrets.yml):webhook.secret}\n    STAGE_NAME: ${self:custom.secrets.stage}\nfunctions:\n  charge:\n    handler: h.charge\n',
      errors: [
        { line: 7, column: 24, messageId: 'deployValue', message: '`STRIPE_SECRET_KEY` of function `charge` takes `${file(secrets.json):stripeSecretKey}` at deploy time' },
        { line: 8, column: 21, messageId: 'deployValue', message: '`${file(./secrets.yml):webhook.secret}`' },
      ],
    },
    {
      name: "serverless.yml: a per-stage config file chosen by the stage (maneman8000 slack-ec2)",
      filename: 'serverless.yml',
      code: "service: slack-ec2\ncustom:\n  config:\n    dev: ${file(./config/dev.yml)}\n    prod: ${file(./config/prod.yml)}\nprovider:\n  name: aws\n  stage: ${opt:stage, 'dev'}\nfunctions:\n  bot:\n    handler: h.bot\n    environment:\n      SLACK_TOKEN: ${self:custom.config.${self:provider.stage}.slack.authToken}\n",
      errors: [{ line: 13, column: 20, messageId: 'deployValue', message: '`${file(./config/dev.yml):slack.authToken}`' }],
    },
    {
      name: 'serverless.yml: a chat service\'s incoming-webhook URL is a credential by its name (aws-billing-to-slack); a webhook of no chat service, an API URL are not',
      filename: 'serverless.yml',
      code: "service: billing\nprovider:\n  name: aws\nfunctions:\n  report:\n    handler: h.report\n    environment:\n      SLACK_WEBHOOK_URL: ${param:slack_url}\n      discordHook: ${env:DISCORD_HOOK}\n      WEBHOOK_URL: ${param:webhook_url}\n      SLACK_API_URL: ${env:SLACK_API_URL}\n",
      errors: [
        { line: 8, column: 26, messageId: 'deployValue', message: '`SLACK_WEBHOOK_URL` of function `report` takes `${param:slack_url}`' },
        { line: 9, column: 20, messageId: 'deployValue', message: '`${env:DISCORD_HOOK}`' },
      ],
    },
    {
      name: 'each branch of `!If` is a value the variable may be deployed with (syncbot): reported once, on the variable',
      code: 'Parameters:\n  KeyOverride:\n    Type: String\n    NoEcho: true\n  ExistingKeyArn:\n    Type: String\n' + sam('          TOKEN_ENCRYPTION_KEY: !If\n            - HasKeyOverride\n            - !Ref KeyOverride\n            - !If\n              - HasExistingKey\n              - !Sub "{{resolve:secretsmanager:${ExistingKeyArn}:SecretString}}"\n              - !Ref AWS::NoValue\n          SIGNING_SECRET: !If [UseVault, !Ref AWS::NoValue, !Sub "{{resolve:secretsmanager:${ExistingKeyArn}:SecretString}}"]\n          KEY_ARN: !If [HasExistingKey, !Ref ExistingKeyArn, !Ref AWS::NoValue]\n'),
      errors: [
        { line: 14, column: 33, messageId: 'noEcho', message: '`KeyOverride`' },
        { line: 21, column: 27, messageId: 'resolve' },
      ],
    },
    {
      name: 'a plain SSM parameter under a secret\'s name (Twilio survey app); the table name beside it is not',
      code: sam("          TWILIO_AUTH_TOKEN: '{{resolve:ssm:TWILIO_AUTH_TOKEN}}'\n          TABLE: '{{resolve:ssm:/app/table-name}}'\n"),
      errors: [{ line: 8, column: 30, messageId: 'resolveParameter' }],
    },
    {
      name: 'a dynamic reference built with !Join: its password field is reported, its username field is not',
      code: sam('          DB_PASSWORD: !Join ["", ["{{resolve:secretsmanager:", !Ref Secret, ":SecretString:password}}"]]\n          DB_USER: !Join ["", ["{{resolve:secretsmanager:", !Ref Secret, ":SecretString:username}}"]]\n'),
      errors: [{ line: 8, column: 24, messageId: 'resolve' }],
    },
    {
      name: "serverless.yml: a `${self:}` path to a !Join that resolves a secret (sqs-lambda-rds's custom.settings)",
      filename: 'serverless.yml',
      code: 'service: orders\nprovider:\n  name: aws\ncustom:\n  settings:\n    DB_USERNAME: markaz\n    DB_PASSWORD:\n      !Join [\n        "",\n        ["{{resolve:secretsmanager:", !Ref Secret, ":SecretString:password}}"],\n      ]\nfunctions:\n  orders:\n    handler: src/orders.handler\n    environment:\n      DB_PASSWORD: ${self:custom.settings.DB_PASSWORD}\n      DB_USERNAME: ${self:custom.settings.DB_USERNAME}\n',
      errors: [{ line: 16, column: 20, endLine: 16, endColumn: 55, messageId: 'resolve', message: '`DB_PASSWORD` of function `orders`' }],
    },
    {
      name: "serverless.yml: a per-stage path into a whole file, the stage itself a `${self:}` reference (SmartThings st-schema example)",
      filename: 'serverless.yml',
      code: 'service: st\ncustom:\n  myStage: ${sls:stage}\n  myEnvironment:\n    ${file(./serverless-env.yml)}\nprovider:\n  name: aws\n  stage: dev\n  environment:\n    CLIENT_ID: "${self:custom.myEnvironment.CLIENT_ID.${self:custom.myStage}}"\n    CLIENT_SECRET: "${self:custom.myEnvironment.CLIENT_SECRET.${self:custom.myStage}}"\nfunctions:\n  schema:\n    handler: index.handler\n',
      errors: [{ line: 11, column: 20, messageId: 'deployValue', message: '`${file(./serverless-env.yml):CLIENT_SECRET.dev}`' }],
    },
    {
      name: "a decrypting SSM path that holds the stage, under a name that does not say secret (mlafeldt's launchdarkly-dynamo-store)",
      filename: 'serverless.yml',
      code: 'service: a\nprovider:\n  name: aws\n  stage: dev\n  environment:\n    LAUNCHDARKLY_SDK_KEY: ${ssm:/launchdarkly/${self:provider.stage}/sdkkey~true}\nfunctions:\n  f:\n    handler: h\n',
      errors: [{ line: 6, column: 27, endColumn: 82, messageId: 'resolveParameter', message: 'pass the parameter\'s name' }],
    },
    {
      // hirvitek's aws-sam-serverless-boilerplate-go: the webhook is read from Parameter Store when the stack deploys.
      name: 'an SSM-typed parameter under a secret name',
      code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  SlackWebhookUrl:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/slack-webhook\n  TableName:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/table\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          SLACK_WEBHOOK_URL: !Ref SlackWebhookUrl\n',
      errors: [{ line: 15, column: 30, messageId: 'ssmParameter', message: 'takes `SlackWebhookUrl`, an SSM parameter' }],
    },
    {
      // danepowell/honeydew-server and boristane/users: per-stage keys of a file, and a file per stage.
      name: 'secrets from a file keyed by the stage, and from a file per stage',
      filename: 'serverless.yml',
      code: "service: api\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    PARSE_MASTER_KEY: ${file(./.env.yml):${opt:stage}.PARSE_MASTER_KEY}\n    JWT_USERS_KEY: ${file(./${opt:stage}.yml):jwtUsersKey}\nfunctions:\n  api:\n    handler: app.handler\n",
      errors: [
        { line: 6, column: 23, messageId: 'deployValue', message: '`PARSE_MASTER_KEY` of function `api` takes `${file(./.env.yml):dev.PARSE_MASTER_KEY}` at deploy time' },
        { line: 7, column: 20, messageId: 'deployValue', message: '`${file(./${opt:stage}.yml):jwtUsersKey}`' },
      ],
    },
    {
      name: 'a per-stage map whose development stage decrypts from SSM and whose production stage is written in place',
      filename: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    DB_PASSWORD: ${self:custom.DB_PASSWORD.${self:provider.stage}}\ncustom:\n  DB_PASSWORD:\n    dev: ${ssm:/app/dev/db-password~true}\n    prd: hunter2-production-password\nfunctions: {api: {handler: h.handler}}\n',
      errors: [{ line: 6, column: 18, messageId: 'resolveParameter' }],
    },
    {
      // ubc-biztech/serverless-biztechapp's payments service: a mail vendor's key by the vendor's name.
      name: "a vendor's key named after the vendor",
      filename: 'serverless.yml',
      code: 'service: payments\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  environment:\n    SENDGRID_KEY: ${param:SENDGRID_KEY}\n    STRIPE_PUBLISHABLE_KEY: ${env:STRIPE_PUBLISHABLE_KEY}\nfunctions: {pay: {handler: h.pay}}\n',
      errors: [{ line: 6, column: 19, messageId: 'deployValue', message: '`SENDGRID_KEY` of function `pay` takes `${param:SENDGRID_KEY}` at deploy time' }],
    },
    {
      // 0xstonegm/dodgetracker (review set 83): the parameter is the variable's name written together in capitals.
      name: 'a plain parameter named as the variable, its words run together',
      code: 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  RIOTAPIKEY:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n          RIOT_API_KEY: !Ref RIOTAPIKEY\n',
      errors: [{ line: 11, column: 25, messageId: 'plainParameter', message: '`RIOT_API_KEY` of function `Fn` takes `RIOTAPIKEY`' }],
    },
    {
      // dev-rods/Traffic-Manager (review set 88): every function is in a file of its own; all take the provider's environment.
      name: 'the provider environment of functions that `functions:` only includes from other files',
      filename: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n    DB_PASSWORD: ${ssm:/dev/DB_PASSWORD}\n    STAGE: ${sls:stage}\nfunctions:\n  - ${file(fns/a.yml)}\n  - ${file(fns/b.yml)}\n',
      errors: [{ line: 6, column: 18, messageId: 'resolveParameter', message: '`DB_PASSWORD` of the functions in `fns/a.yml` and `fns/b.yml` resolves a secret' }],
    },
    {
      // DevopsCare/aws-to-slack (review set 95): the parameter is the variable's name without the service's word.
      name: 'a plain parameter named as the variable without its service word',
      code: 'AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  HookUrl:\n    Type: String\n    Default: ""\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code: {ZipFile: "exports.handler = async () => {}"}\n      Environment:\n        Variables:\n          SLACK_HOOK_URL: !Ref HookUrl\n',
      errors: [{ line: 16, column: 27, messageId: 'plainParameter', message: '`SLACK_HOOK_URL` of function `Fn` takes `HookUrl`' }],
    },
  ],
});
