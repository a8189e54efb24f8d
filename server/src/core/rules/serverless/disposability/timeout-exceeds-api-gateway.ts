import { defineServerlessRule } from '../../../rule';
import { timeoutOf, timeoutPlace } from '../../../serverless/model';
import { valueOf } from '../../../kubernetes/yaml-nodes';

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
      "functions every integration of the template invokes asynchronously (`X-Amz-Invocation-Type: 'Event'`): API",
      'Gateway does not wait for those. Each function is reported at most once.',
    ].join('\n'),
    messages: {
      timeout: 'Function `{{fn}}` may run {{seconds}} s, but its {{gateway}} event `{{event}}` stops waiting after {{limit}} s.',
      permission: 'Function `{{fn}}` may run {{seconds}} s, but API Gateway, which may invoke it (permission `{{event}}`), stops waiting after {{limit}} s.',
    },
  },
  check({ model, report }) {
    for (const fn of model.functions) {
      const timeout = timeoutOf(model, fn);
      if (!timeout?.setting) continue;
      for (const event of fn.events) {
        if (event.type !== 'api' && event.type !== 'http-api') continue;
        // A REST API integration may be given a longer timeout of its own (`TimeoutInMillis`).
        const own = event.properties ? model.value(valueOf(event.properties, 'TimeoutInMillis', model.doc!)) : undefined;
        const limit = own?.literal && /^\d+$/.test(own.literal) ? Math.max(LIMITS[event.type], Math.floor(Number(own.literal) / 1000)) : own ? Infinity : LIMITS[event.type];
        if (timeout.seconds > limit) {
          report({ messageId: event.viaPermission ? 'permission' : 'timeout', data: { fn: fn.id, seconds: timeout.seconds, gateway: event.type === 'api' ? 'REST API' : 'HTTP API', event: event.name, limit }, ...timeoutPlace(model, timeout.setting, event) });
          break;
        }
      }
    }
  },
});
