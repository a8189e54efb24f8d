import { defineServerlessRule } from '../../../rule';
import { asMap, valueOf } from '../../../kubernetes/yaml-nodes';
import { supportsJsonLogs } from '../../../serverless/runtimes';
import { functionsText, type LambdaFunction } from '../../../serverless/model';

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
      'whose own logging follows the setting (Node.js, Python, Java, .NET) are reported.',
      '',
      'Not reported: runtimes that cannot emit JSON logs or are given by a reference or variable, a `LoggingConfig`,',
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
    const doc = model.doc;
    if (!doc || !model.isAws) return;
    for (const fn of model.functions) {
      const runtime = model.setting(fn, 'Runtime');
      if (!runtime?.literal || !supportsJsonLogs(runtime.literal)) continue;
      if (fn.kind === 'serverless-framework') {
        // The function's own `logs.logFormat` wins over `provider.logs.lambda.logFormat`.
        const ownFormat = (f: LambdaFunction) => valueOf(asMap(valueOf(f.properties, 'logs', doc), doc), 'logFormat', doc);
        const own = ownFormat(fn);
        const inherited = valueOf(asMap(valueOf(asMap(valueOf(model.globals, 'logs', doc), doc), 'lambda', doc), doc), 'logFormat', doc);
        const node = own ?? inherited;
        const format = node === undefined || node === null ? undefined : model.value(node);
        if (!format) report({ messageId: 'missingFramework', data: { fn: fn.id, runtime: runtime.literal }, range: fn.idRange });
        else if (format.literal !== undefined && format.literal.toUpperCase() !== 'JSON') {
          // The provider's format reaches every function without one of its own (`own ?? inherited`, as above).
          const hasOwn = (f: LambdaFunction) => (ownFormat(f) ?? undefined) !== undefined;
          const taking = hasOwn(fn) ? [fn] : model.functions.filter((f) => f === fn || (!hasOwn(f) && supportsJsonLogs(model.setting(f, 'Runtime')?.literal ?? '')));
          report({ messageId: 'text', data: { functions: functionsText(taking), format: format.literal }, range: format.range });
        }
        continue;
      }
      const logging = model.setting(fn, 'LoggingConfig');
      if (logging?.intrinsic) continue;
      // SAM merges Globals' LoggingConfig under the function's own: its LogFormat reaches a function that sets only a LogGroup.
      const format = model.settingWithin(fn, 'LoggingConfig', 'LogFormat');
      if (format) {
        if (format.literal !== undefined && format.literal !== 'JSON') {
          const taking = model.functionsTaking(fn, format).filter((f) => f === fn || supportsJsonLogs(model.setting(f, 'Runtime')?.literal ?? ''));
          report({ messageId: 'text', data: { functions: functionsText(taking), format: format.literal }, range: format.range });
        }
      } else {
        report({ messageId: 'missing', data: { fn: fn.id, runtime: runtime.literal }, range: fn.idRange });
      }
    }
  },
});
