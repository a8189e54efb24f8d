import { defineServerlessRule } from '../../../rule';
import { supportsJsonLogs } from '../../../serverless/runtimes';
import { functionsText, type LambdaFunction, type ServerlessModel } from '../../../serverless/model';

export default defineServerlessRule({
  meta: {
    id: 'logs/function-log-format-not-json',
    factor: 'logs',
    defaultSeverity: 'hint',
    offByDefault:
      'JSON logs make a stream easier to query, but plain-text logs on CloudWatch are still an event stream as the logs factor asks; turn it on where your log tooling expects JSON.',
    description: 'A Lambda function whose runtime can emit structured logs keeps the plain-text log format (`LoggingConfig.LogFormat` is not `JSON`).',
    rationale: [
      'A twelve-factor app writes its log as an event stream and leaves routing and analysis to the environment. On Lambda',
      'that stream is CloudWatch Logs, and with `LogFormat: JSON` every line, the platform\'s own included, is a structured',
      'event that log queries, metric filters and subscriptions can read field by field; with the default text format each',
      'consumer has to parse free text.',
      '',
      'Set `LoggingConfig: { LogFormat: JSON }` on the function or, in SAM, once in `Globals.Function`; in serverless.yml,',
      '`logs: { logFormat: JSON }` on the function or `provider.logs.lambda.logFormat: JSON` for all of them. Only runtimes',
      'whose built-in logging follows the setting are reported: Node.js 16 and later, Python 3.8 and later, Java other',
      'than `java8` and .NET 8 and later (AWS\'s list of runtimes that write JSON application logs).',
      '',
      'Not reported: runtimes that cannot emit JSON application logs (older Node.js and Python, `java8`, .NET before 8,',
      'Ruby, Go, custom runtimes), runtime identifiers Lambda has not had, runtimes given by a reference or variable, a `LoggingConfig`,',
      '`LogFormat` or `logFormat` given by an intrinsic function, parameter or `${…}` variable, and functions already set',
      'to `JSON`. The rule is off by default.',
    ].join('\n'),
    messages: {
      missing: 'Function `{{fn}}` ({{runtime}}) logs in plain text; set `LoggingConfig.LogFormat: JSON` for structured log events.',
      missingFramework: 'Function `{{fn}}` ({{runtime}}) logs in plain text; set `logs.logFormat: JSON` (or `provider.logs.lambda.logFormat`) for structured log events.',
      text: '`LogFormat: {{format}}` is set for {{functions}}; use `JSON` for structured log events.',
    },
  },
  check({ model, report }) {
    if (!model.doc || !model.isAws) return;
    for (const fn of model.functions) {
      const runtime = model.setting(fn, 'Runtime');
      if (!runtime?.literal || !logsJson(model, fn)) continue;
      const framework = fn.kind === 'serverless-framework';
      if (!framework && model.setting(fn, 'LoggingConfig')?.intrinsic) continue;
      // Through the model: SAM merges the Globals' LoggingConfig under a function's own (its LogFormat reaches a
      // function that sets only a LogGroup), and the framework's `provider.logs.lambda.logFormat` reaches every
      // function without a `logs.logFormat` of its own.
      const format = model.settingWithin(fn, 'LoggingConfig', 'LogFormat');
      if (!format) {
        report({ messageId: framework ? 'missingFramework' : 'missing', data: { fn: fn.id, runtime: runtime.literal }, range: fn.idRange });
        continue;
      }
      // The framework takes `json` in any case; CloudFormation only `JSON`.
      const json = framework ? format.literal?.toUpperCase() === 'JSON' : format.literal === 'JSON';
      if (format.literal === undefined || json) continue;
      const named = model.functionsTaking(fn, format).filter((f) => f === fn || logsJson(model, f));
      report({ messageId: 'text', data: { functions: functionsText(named), format: format.literal }, range: format.range });
    }
  },
});

/** Whether `fn`'s runtime can write JSON log events (the others are not told to). */
function logsJson(model: ServerlessModel, fn: LambdaFunction): boolean {
  const runtime = model.setting(fn, 'Runtime')?.literal;
  return runtime !== undefined && supportsJsonLogs(runtime);
}
