import { defineServerlessRule } from '../../../rule';
import { functionsText, timeoutOf, type LambdaFunction, type Setting } from '../../../serverless/model';
import { valueOf } from '../../../kubernetes/yaml-nodes';
import type { RelatedLocation } from '../../../types';

/** API Gateway's integration timeouts: REST APIs stop waiting after 29 s, HTTP APIs after 30 s. */
const LIMITS = { api: 29, 'http-api': 30 } as const;

export default defineServerlessRule({
  meta: {
    id: 'disposability/timeout-exceeds-api-gateway',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'An API-fronted Lambda function may run longer than API Gateway waits (29 s for REST APIs, 30 s for HTTP APIs).',
    rationale: [
      'Disposable processes handle each request quickly, or hand long work to a queue. A function behind API Gateway whose',
      '`Timeout` exceeds the gateway\'s integration timeout keeps running after the client has been answered with a 504:',
      'the caller retries, the work runs twice, and the function is billed for a response nobody receives.',
      '',
      'Keep the function\'s timeout within the gateway\'s limit, or make the request start the work (a queue, Step',
      'Functions) and answer at once.',
      '',
      'A function counts as behind API Gateway through its own Api/HttpApi events, or through an `AWS::Lambda::Permission`',
      'for `apigateway.amazonaws.com` (an API defined by an OpenAPI body or by methods); `!Ref MyFunction.Alias` names the',
      "function. The permission's `SourceArn` tells an HTTP API (30 s) from a REST API (29 s).",
      '',
      'A `Timeout` read from `Mappings` (`!FindInMap [StageConfig, !Ref Stage, Timeout]`) is judged by the least value any',
      'entry can give: reported only when every stage exceeds the limit.',
      '',
      'Not reported: functions that do not set a literal or mapped `Timeout` (the defaults are far below the limit), events other',
      "than REST and HTTP API events, events whose own `TimeoutInMillis` allows the function's timeout or is not a",
      "literal, timeouts within the gateway's limit, WebSocket APIs (a route answers through the connection), and",
      "functions every integration of the template invokes asynchronously (`X-Amz-Invocation-Type: 'Event'`), and a",
      'Serverless Framework `http` event with `async: true` (the integration it makes asks for the same): API Gateway',
      'does not wait for those. Each function is reported at most once.',
      '',
      'A timeout inherited from `Globals.Function` (SAM) or `provider.timeout` (Serverless Framework) is reported once, on',
      'that line, where the fix goes: the finding names every function it lets run too long, and points at their events.',
    ].join('\n'),
    messages: {
      timeout: 'Function `{{fn}}` may run {{seconds}} s, but its {{gateway}} event `{{event}}` stops waiting after {{limit}} s.',
      permission: 'Function `{{fn}}` may run {{seconds}} s, but API Gateway, which may invoke it (permission `{{event}}`), stops waiting after {{limit}} s.',
      inherited: 'The {{seconds}} s timeout set in {{from}} lets {{functions}} run longer than API Gateway waits {{wait}}.',
    },
  },
  check({ model, report }) {
    // Inherited timeouts, by the line that sets them: one finding each.
    const shared = new Map<string, { setting: Setting; seconds: number; waits: Map<string, number>; functions: LambdaFunction[]; related: RelatedLocation[] }>();
    for (const fn of model.functions) {
      const timeout = timeoutOf(model, fn);
      if (!timeout?.setting) continue;
      for (const event of fn.events) {
        if (event.type !== 'api' && event.type !== 'http-api') continue;
        // A REST API integration may be given a longer timeout of its own (`TimeoutInMillis`).
        const own = event.properties ? model.value(valueOf(event.properties, 'TimeoutInMillis', model.doc!)) : undefined;
        const limit = own?.literal && /^\d+$/.test(own.literal) ? Math.max(LIMITS[event.type], Math.floor(Number(own.literal) / 1000)) : own ? Infinity : LIMITS[event.type];
        if (timeout.seconds <= limit) continue;
        const gateway = event.type === 'api' ? 'REST API' : 'HTTP API';
        const setting = timeout.setting;
        if (!setting.inherited) {
          report({ messageId: event.viaPermission ? 'permission' : 'timeout', data: { fn: fn.id, seconds: timeout.seconds, gateway, event: event.name, limit }, range: setting.range });
          break;
        }
        const key = `${setting.range.start.line}:${setting.range.start.character}`;
        let group = shared.get(key);
        if (!group) shared.set(key, (group = { setting, seconds: timeout.seconds, waits: new Map(), functions: [], related: [] }));
        group.functions.push(fn);
        group.waits.set(gateway, Math.min(limit, group.waits.get(gateway) ?? Infinity));
        const what = event.viaPermission ? `the permission \`${event.name}\` that lets API Gateway invoke it` : `its ${gateway} event \`${event.name}\``;
        group.related.push({ uri: model.source.uri, range: event.range, message: `\`${fn.id}\`: ${what}` });
        break;
      }
    }
    const from = model.kind === 'serverless-framework' ? '`provider.timeout`' : '`Globals.Function`';
    for (const g of shared.values()) {
      const waits = [...g.waits];
      const wait = waits.length === 1 ? `on ${waits[0][0]}s (${waits[0][1]} s)` : `(${waits.map(([gateway, limit]) => `${limit} s on ${gateway}s`).join(', ')})`;
      report({ messageId: 'inherited', data: { seconds: g.seconds, from, functions: functionsText(g.functions), wait }, range: g.setting.range, related: g.related });
    }
  },
});
