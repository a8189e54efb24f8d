/** Every rule of SAM/CloudFormation templates and serverless.yml files, by factor. Add each new rule module here. */
import type { ServerlessRule } from '../../rule';
import literalSecretInFunctionEnv from './config/literal-secret-in-function-env';
import secretResolvedIntoFunctionEnv from './config/secret-resolved-into-function-env';
import stageLiteralInFunctionEnv from './config/stage-literal-in-function-env';
import hardCodedEndpointInFunctionEnv from './backing-services/hard-coded-endpoint-in-function-env';
import hardCodedResourceArnInFunctionEnv from './backing-services/hard-coded-resource-arn-in-function-env';
import mutableCodeLocation from './build-release-run/mutable-code-location';
import functionWithoutPublishedVersion from './build-release-run/function-without-published-version';
import reservedConcurrencyZero from './concurrency/reserved-concurrency-zero';
import timeoutExceedsApiGateway from './disposability/timeout-exceeds-api-gateway';
import timeoutExceedsQueueVisibility from './disposability/timeout-exceeds-queue-visibility';
import deprecatedLambdaRuntime from './dev-prod-parity/deprecated-lambda-runtime';
import debugSwitchInFunctionEnv from './dev-prod-parity/debug-switch-in-function-env';
import reservedVariableInFunctionEnv from './dev-prod-parity/reserved-variable-in-function-env';
import functionLogFormatNotJson from './logs/function-log-format-not-json';
import logFileInFunctionEnv from './logs/log-file-in-function-env';
import migrationCustomResource from './admin-processes/migration-custom-resource';
import scheduledMigration from './admin-processes/scheduled-migration';

export const serverlessRules: ServerlessRule[] = [
  literalSecretInFunctionEnv,
  secretResolvedIntoFunctionEnv,
  stageLiteralInFunctionEnv,
  hardCodedEndpointInFunctionEnv,
  hardCodedResourceArnInFunctionEnv,
  mutableCodeLocation,
  functionWithoutPublishedVersion,
  reservedConcurrencyZero,
  timeoutExceedsApiGateway,
  timeoutExceedsQueueVisibility,
  deprecatedLambdaRuntime,
  debugSwitchInFunctionEnv,
  reservedVariableInFunctionEnv,
  functionLogFormatNotJson,
  logFileInFunctionEnv,
  migrationCustomResource,
  scheduledMigration,
];
