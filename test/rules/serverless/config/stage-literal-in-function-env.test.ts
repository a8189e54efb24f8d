import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/config/stage-literal-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'stage from a parameter', code: sam('          STAGE: !Ref Stage\n') },
    { name: 'a production framework mode', code: sam('          NODE_ENV: production\n') },
    { name: 'serverless.yml stage variable', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  stage: dev\n  environment:\n    STAGE: ${sls:stage}\nfunctions:\n  f:\n    handler: h\n' },
    { name: 'a value that is not an environment name', code: sam('          ENV_FILE_PREFIX: prod\n          ENVIRONMENT: eu-west-1\n') },
    {
      name: "Symfony's kernel in production mode (Bref's Symfony template)",
      filename: 'serverless.yml',
      code: "service: symfony\nprovider:\n  name: aws\n  runtime: provided.al2\n  environment:\n    APP_ENV: prod\nplugins:\n  - ./vendor/bref/bref\nfunctions:\n  web:\n    handler: public/index.php\n    layers:\n      - ${bref:layer.php-83-fpm}\n    events:\n      - httpApi: '*'\n",
    },
    { name: "Laravel's production mode", code: sam('          APP_ENV: production\n          APP_DEBUG: "false"\n') },
    {
      name: "the stage of the WebSocket API the template declares (serverless-trivia-game's connection URL)",
      code: sam('          STAGE: Prod\n') + '  WebSocketStage:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n      StageName: Prod\n      ApiId: !Ref WebSocket\n',
    },
  ],
  invalid: [
    { name: 'STAGE: prod', code: sam('          STAGE: prod\n'), errors: [{ line: 8, column: 18, endColumn: 22, messageId: 'stage' }] },
    { name: 'NODE_ENV: development', code: sam('          NODE_ENV: development\n'), errors: [{ line: 8, column: 21 }] },
    { name: 'serverless.yml provider environment', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    APP_ENV: staging\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 14 }] },
  ],
});
