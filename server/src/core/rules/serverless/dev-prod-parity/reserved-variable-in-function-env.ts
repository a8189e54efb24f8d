import { defineServerlessRule } from '../../../rule';

/**
 * The variables Lambda sets in every function's environment and refuses in its configuration (AWS's Lambda developer
 * guide, "Defined runtime environment variables": the reserved ones). `AWS_DEFAULT_REGION` and `TZ` are left out: not
 * every account of them calls them reserved.
 */
const RESERVED = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

const CREDENTIALS = new Set(['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

export default defineServerlessRule({
  meta: {
    id: 'dev-prod-parity/reserved-variable-in-function-env',
    factor: 'dev-prod-parity',
    defaultSeverity: 'error',
    description: 'A function sets an environment variable that Lambda reserves (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `LAMBDA_TASK_ROOT` …), so the deploy is refused.',
    rationale: [
      'Lambda sets some variables in every function itself: the region, the execution role\'s credentials, the',
      'function\'s name, memory and log group, the paths of the code and the runtime. A function\'s configuration may',
      'not set them, and a deploy that does fails ("reserved keys that are currently not supported for modification").',
      'Templates that set them usually come from a laptop, where `sam local` or an emulator (LocalStack) takes them',
      'happily: the template then works in development and cannot reach production, the gap this factor is about.',
      '',
      'Remove the variable. The code reads the region Lambda sets (`AWS_REGION`), and the SDK takes credentials from',
      'the function\'s execution role; give the role the permissions instead of passing keys. For an emulator, set the',
      'endpoint and credentials in the local run (`sam local invoke --env-vars`), not in the template.',
      '',
      'Reported on every variable of the reserved list in a function\'s own environment, in SAM\'s `Globals` and in the',
      'Serverless Framework\'s `provider.environment`. `AWS_DEFAULT_REGION` and `TZ` are not reported: not every account',
      'of the reserved list names them.',
    ].join('\n'),
    messages: {
      region: '`AWS_REGION` is set by Lambda itself and refused in the configuration of {{functions}}: the deploy fails; remove it and read the region Lambda sets.',
      credentials: '`{{name}}` is set by Lambda itself (from the execution role) and refused in the configuration of {{functions}}: the deploy fails; remove it and grant the role what the code needs.',
      reserved: '`{{name}}` is set by Lambda itself and refused in the configuration of {{functions}}: the deploy fails; remove it, or give the setting another name.',
    },
  },
  check({ model, report }) {
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        if (!RESERVED.has(env.name)) continue;
        const messageId = env.name === 'AWS_REGION' ? 'region' : CREDENTIALS.has(env.name) ? 'credentials' : 'reserved';
        report({ messageId, data: { name: env.name, functions: taker.names(env) }, range: env.nameRange });
      }
    }
  },
});
