import { testRule } from '../../../helpers/rule-tester';
import rule from '../../../../server/src/core/rules/serverless/logs/log-file-in-function-env';

const sam = (vars: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment:\n        Variables:\n${vars}`;

testRule(rule, {
  valid: [
    { name: 'standard output', code: sam('          LOG_FILE: /dev/stdout\n') },
    { name: 'a log level', code: sam('          LOG_LEVEL: info\n') },
    { name: 'a log group name', code: sam('          LOG_GROUP: !Ref LogGroup\n') },
  ],
  invalid: [
    { name: 'a file in /tmp', code: sam('          LOG_FILE: /tmp/app.log\n'), errors: [{ line: 8, column: 21, messageId: 'file' }] },
    { name: 'a log directory', code: sam('          LOG_DIR: /tmp/logs\n'), errors: [{ line: 8, column: 20 }] },
    { name: 'serverless.yml', filename: 'serverless.yml', code: 'service: a\nprovider:\n  name: aws\n  environment:\n    LOGFILE: ./app.log\nfunctions:\n  f:\n    handler: h\n', errors: [{ line: 5, column: 14 }] },
  ],
});
