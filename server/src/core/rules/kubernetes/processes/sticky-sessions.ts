import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import type { Fix, TextEdit } from '../../../types';
import { asMap, nodeAt, pairOf, scalarString, valueOf } from '../../../kubernetes/yaml-nodes';
import { removePair } from '../../../kubernetes/yaml-edits';

/** Annotations that pin a client to one backend, with the values that turn pinning on. */
const AFFINITY_ANNOTATIONS: { kinds: string[]; key: string; on: RegExp; controller: string }[] = [
  { kinds: ['Ingress'], key: 'nginx.ingress.kubernetes.io/affinity', on: /^cookie$/i, controller: 'ingress-nginx' },
  { kinds: ['Ingress'], key: 'nginx.org/sticky-cookie-services', on: /\S/, controller: 'NGINX Ingress Controller' },
  { kinds: ['Ingress', 'Service'], key: 'haproxy.org/cookie-persistence', on: /\S/, controller: 'HAProxy Ingress' },
  { kinds: ['Service'], key: 'traefik.ingress.kubernetes.io/service.sticky.cookie', on: /^true$/i, controller: 'Traefik' },
  { kinds: ['Ingress', 'Service'], key: 'alb.ingress.kubernetes.io/target-group-attributes', on: /stickiness\.enabled=true/i, controller: 'AWS Load Balancer Controller' },
];

export default defineKubernetesRule({
  meta: {
    id: 'processes/sticky-sessions',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'A Service (`sessionAffinity: ClientIP`) or an Ingress (cookie affinity) pins each client to one pod.',
    rationale: [
      'Sticky sessions exist to hide state kept in a process\'s memory or disk, which is what stateless processes must',
      'not do. Pinned clients lose their session whenever their pod restarts, is rescheduled or scaled away, load spreads',
      'unevenly, and the app cannot be scaled or deployed freely.',
      '',
      'Keep session data in a backing service (Redis, a database) or in a signed cookie and let any pod serve any',
      'request. The quick fix removes the affinity setting.',
      '',
      'Not reported: Services with `sessionAffinity: None`, annotations whose value does not turn affinity on or',
      'contains a `{{ … }}` template, annotations on kinds their controller does not read, and ingress controllers',
      'other than those listed. The quick fix is withheld for `target-group-attributes` that carry settings besides',
      'stickiness.',
    ].join('\n'),
    messages: {
      service: 'Service `{{name}}` pins clients to one pod with `sessionAffinity: ClientIP`; keep session state in a backing service instead.',
      annotation: '`{{key}}` turns on {{controller}} session affinity for `{{name}}`; keep session state in a backing service instead.',
    },
    fix: 'unsafe',
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      const name = object.name ?? '?';
      if (object.kind === 'Service' && object.apiVersion === 'v1') {
        const spec = asMap(valueOf(object.node, 'spec', object.doc), object.doc);
        const affinity = scalarString(valueOf(spec, 'sessionAffinity', object.doc), object.doc);
        const range = model.valueRange(spec, 'sessionAffinity', object.doc);
        if (spec && affinity === 'ClientIP' && range) {
          const edits = [removePair(source, spec, 'sessionAffinity', object.doc), pairOf(spec, 'sessionAffinityConfig', object.doc) ? removePair(source, spec, 'sessionAffinityConfig', object.doc) : null];
          report({ messageId: 'service', data: { name }, range, fix: fixOf('Remove `sessionAffinity: ClientIP`', edits) });
        }
      }
      const annotations = asMap(nodeAt(object.node, ['metadata', 'annotations'], object.doc), object.doc);
      for (const rule of AFFINITY_ANNOTATIONS) {
        if (!rule.kinds.includes(object.kind)) continue;
        const pair = pairOf(annotations, rule.key, object.doc);
        const value = pair && scalarString(pair.value, object.doc);
        const range = pair && model.rangeOf(pair.key as Node);
        if (!annotations || !value || !range || !rule.on.test(value) || value.includes('{{')) continue;
        // Attributes may carry other settings next to stickiness: only a pure affinity annotation is removed.
        const removable = !/target-group-attributes/.test(rule.key) || /^\s*stickiness\.[^,]*(,\s*stickiness\.[^,]*)*\s*$/.test(value);
        report({
          messageId: 'annotation',
          data: { key: rule.key, controller: rule.controller, name },
          range,
          fix: removable ? fixOf(`Remove the \`${rule.key}\` annotation`, [removePair(source, annotations, rule.key, object.doc)]) : undefined,
        });
      }
    }
  },
});

function fixOf(title: string, edits: (TextEdit | undefined | null)[]): Fix | undefined {
  if (edits.some((e) => e === undefined)) return undefined;
  return { title, edits: edits.filter((e): e is TextEdit => !!e) };
}
