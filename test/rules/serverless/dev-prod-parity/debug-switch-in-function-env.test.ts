import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/dev-prod-parity/debug-switch-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'debug off', code: sam('          DEBUG: "false"\n') },
    { name: 'debug from a parameter', code: sam('          DEBUG: !Ref Debug\n') },
    { name: 'a log level is not a debug mode', code: sam('          POWERTOOLS_LOG_LEVEL: INFO\n') },
    { name: "a chosen namespace of Node's debug package", code: sam('          DEBUG: "app:*"\n') },
    { name: 'a star under another debug name is no switch', code: sam('          APP_DEBUG: "*"\n') },
  ],
  invalid: [
    { name: 'DEBUG: true', code: sam('          DEBUG: true\n'), errors: [{ line: 8, column: 18, messageId: 'debug' }] },
    { name: 'POWERTOOLS_DEV', code: sam('          POWERTOOLS_DEV: "1"\n'), errors: [{ line: 8, column: 27 }] },
    { name: 'serverless.yml', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    FLASK_DEBUG: 1\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 18 }] },
    { name: "DEBUG: \"*\", every namespace of Node's debug package (Eviction Lab's exports)", filename: 'serverless.yml', code: 'service: exports\nprovider:\n  name: aws\n  environment:\n    DEBUG: "*"\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 12, message: '`DEBUG: *` turns a debug mode on' }] },
    { name: 'the switches the other targets know: WP_DEBUG, a product\'s dev mode', code: sam('          WP_DEBUG: "true"\n          HASURA_GRAPHQL_DEV_MODE: "yes"\n'), errors: [{ line: 8, column: 21 }, { line: 9, column: 36 }] },
  ],
});
