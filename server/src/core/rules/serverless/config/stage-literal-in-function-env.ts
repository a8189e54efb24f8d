import { defineServerlessRule } from '../../../rule';
import { FRAMEWORK_ENVIRONMENTS } from '../../../debug-switches';

/** Variables that name the stage or environment the function is deployed to. */
const STAGE_NAMES = /^(STAGE|STAGE_NAME|ENV|ENVIRONMENT|ENV_NAME|ENVIRONMENT_NAME|APP_STAGE|APPLICATION_ENV|DEPLOY_ENV|DEPLOYMENT_ENV|DEPLOYMENT_STAGE|SERVICE_STAGE)$/i;
/**
 * Framework switches (FRAMEWORK_ENVIRONMENTS): a production value is a mode every stage runs, other values name a stage.
 * `APP_ENV` is Symfony's and Laravel's (`prod`/`production`: the kernel's production mode, as Bref's templates set it).
 */
const isFrameworkSwitch = (name: string) => Object.hasOwn(FRAMEWORK_ENVIRONMENTS, name.toUpperCase());
const ENVIRONMENT_NAME = /^(dev|develop|development|local|test|testing|qa|uat|stage|staging|sandbox|prod|production|prd|live|preprod|pre-prod)$/i;
const PRODUCTION = /^(prod|production)$/i;

export default defineServerlessRule({
  meta: {
    id: 'config/stage-literal-in-function-env',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A Lambda environment variable names the stage literally (`STAGE: prod`, `NODE_ENV: development`) instead of taking it from a parameter.',
    rationale: [
      'One template should deploy every stage; what differs between them comes from the deploy (a stack parameter,',
      '`sam deploy --parameter-overrides`, `--stage`). A stage written as a literal in the function\'s environment ties the',
      'template to that one stage: deploying it as staging still tells the code it is production, or the other way round,',
      'and every new stage means editing the template.',
      '',
      'Take the value from a parameter (`STAGE: !Ref Stage`) or, in serverless.yml, from `${sls:stage}` / `${opt:stage}`.',
      'Framework switches such as `NODE_ENV: production` or Symfony\'s and Laravel\'s `APP_ENV: prod` set a mode that every',
      'stage runs and are not reported, nor is the `StageName` of an API the same template declares (`STAGE: Prod` beside',
      'a WebSocket API\'s `Prod` stage: a segment of its URL, the same in every deploy).',
    ].join('\n'),
    messages: {
      stage: '`{{name}}: {{value}}` of {{functions}} fixes the stage in the template; take it from a parameter (`!Ref Stage`, `${sls:stage}`).',
    },
  },
  check({ model, report }) {
    const apiStages = model.apiStageNames();
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        const value = env.literal?.trim();
        if (!value || !ENVIRONMENT_NAME.test(value)) continue;
        // The stage of an API the template declares (`StageName: Prod`): part of its URL, the same in every deploy.
        if (apiStages.has(value)) continue;
        if (STAGE_NAMES.test(env.name) || (isFrameworkSwitch(env.name) && !PRODUCTION.test(value))) {
          report({ messageId: 'stage', data: { name: env.name, value, functions: taker.names(env) }, range: env.range });
        }
      }
    }
  },
});
