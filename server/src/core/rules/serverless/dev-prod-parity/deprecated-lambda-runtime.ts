import { defineServerlessRule } from '../../../rule';
import { REVIEWED, deprecationOf } from '../../../serverless/runtimes';
import { shortSpokenList } from '../../../lists';
import type { Setting } from '../../../serverless/model';

export default defineServerlessRule({
  meta: {
    id: 'dev-prod-parity/deprecated-lambda-runtime',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A Lambda function runs on a runtime that AWS Lambda has deprecated (`nodejs16.x`, `python3.8`, `go1.x`…).',
    rationale: [
      'Dev/prod parity means production runs the same, supported stack that developers build and test on. A deprecated',
      'Lambda runtime no longer receives security patches, new functions cannot be created on it and, later, existing ones',
      'can no longer be updated: the deployed function drifts away from anything a developer can reproduce, and a fix may',
      'suddenly be impossible to ship.',
      '',
      'Move to the current runtime of the language (the message names one) and test against it locally',
      '(`sam local`, the runtime\'s container image). The list of deprecated runtimes and their dates is kept as data in the',
      'linter (see the README) and was last checked on ' + REVIEWED + '.',
      '',
      'A serverless.yml whose functions are in other files (`functions: [${file(./api.yml)}]`) has the `provider.runtime`',
      'it gives them reported: those files are not read, and each function there takes it unless it sets its own. A runtime',
      'chosen per stage (`${self:custom.${opt:stage}.runtime}`) or per environment (`!FindInMap`) is read as each literal',
      'the file writes for it.',
      '',
      'Not reported: templates that are not for AWS, runtimes given by a parameter or intrinsic function,',
      "container-image functions without a `Runtime`, and runtimes not on the linter's deprecation list.",
    ].join('\n'),
    messages: {
      deprecated: 'Runtime `{{runtime}}` of {{functions}} was deprecated by AWS Lambda on {{date}}; move to `{{successor}}`.',
      included: 'Runtime `{{runtime}}`, the default of the functions in {{files}} unless they set their own, was deprecated by AWS Lambda on {{date}}; move to `{{successor}}`.',
    },
  },
  check({ model, report }) {
    if (!model.isAws) return;
    // Each runtime a setting can deploy with (a stage's `${self:custom.${opt:stage}.runtime}`, a `!FindInMap`): the first deprecated one.
    const deprecatedOf = (setting: Setting) => {
      for (const branch of model.branches(setting)) {
        const deprecation = branch.literal !== undefined ? deprecationOf(branch.literal) : undefined;
        if (deprecation) return { runtime: branch.literal!, date: deprecation.deprecated, successor: deprecation.successor };
      }
      return undefined;
    };
    for (const fn of model.functions) {
      const setting = model.setting(fn, 'Runtime');
      const found = setting && deprecatedOf(setting);
      if (found) report({ messageId: 'deprecated', data: { ...found, functions: model.namesTaking(fn, setting) }, range: setting.range });
    }
    // `provider.runtime` of functions that `${file(…)}` includes, when no function of this file takes it (else reported above).
    const included = model.defaultForIncludedFunctions('Runtime');
    const found = included && deprecatedOf(included.setting);
    if (found && !model.functions.some((fn) => model.setting(fn, 'Runtime')?.node === included.setting.node)) {
      report({ messageId: 'included', data: { ...found, files: shortSpokenList(included.files.map((f) => `\`${f}\``)) }, range: included.setting.range });
    }
  },
});
