import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/dev-prod-parity/debug-switch-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'debug off', code: sam('          DEBUG: "false"\n') },
    { name: 'debug from a parameter', code: sam('          DEBUG: !Ref Debug\n') },
    { name: 'a log level is not a debug mode', code: sam('          POWERTOOLS_LOG_LEVEL: INFO\n') },
  ],
  invalid: [
    { name: 'DEBUG: true', code: sam('          DEBUG: true\n'), errors: [{ line: 8, column: 18, messageId: 'debug' }] },
    { name: 'POWERTOOLS_DEV', code: sam('          POWERTOOLS_DEV: "1"\n'), errors: [{ line: 8, column: 27 }] },
    { name: 'serverless.yml', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    FLASK_DEBUG: 1\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 18 }] },
  ],
});
