import type { Document, YAMLMap } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { HELM_UNKNOWN, nodeAt, pairOf, plainData, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { probeOf } from '../../../kubernetes/probes';
import { isOneOffJob } from '../../../kubernetes/jobs';

export default defineKubernetesRule({
  meta: {
    id: 'disposability/identical-liveness-readiness',
    factor: 'disposability',
    defaultSeverity: 'info',
    description: 'The liveness and readiness probes of a container are identical, so a pod that is merely busy or cut off gets restarted.',
    rationale: [
      'Readiness and liveness answer different questions. Readiness asks "should this pod get traffic now?" and may',
      'say no while a dependency is slow or the pod is shutting down. Liveness asks "is this process beyond repair?"',
      'and a no means a restart. With the same probe for both, every readiness dip restarts the process, so a slow',
      'database turns into a wave of restarts across all replicas, the opposite of robust, disposable processes.',
      '',
      'Point liveness at a cheap check of the process itself (or give it a clearly higher `failureThreshold`), and keep',
      'dependency checks in readiness.',
      '',
      'Not reported: checks that can only test the process itself, where sharing one check is the standard pattern: a',
      '`tcpSocket` check, a `grpc` check and the `grpc_health_probe` exec check of the gRPC health protocol. Fields',
      'written with their Kubernetes defaults (`failureThreshold: 3`, `periodSeconds: 10`, `scheme: HTTP`) are compared',
      'as the probe without them, and `initialDelaySeconds` is not compared: it only delays the first check, and from',
      'then on the two probes fail together. Nor the pods of a Job or CronJob, which run to completion and take no',
      'traffic, nor an exec check that cannot fail (`true`, `/bin/true`).',
    ].join('\n'),
    messages: {
      identical: 'Container `{{container}}` uses the same probe for liveness and readiness: when it is only busy or briefly unready, the liveness check fails too and the container is restarted.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      // A Job's pod runs to completion: no Service sends it traffic, so readiness decides nothing.
      if (!object.podSpec || isOneOffJob(object)) continue;
      for (const container of object.podSpec.containers) {
        const liveness = probeOf(container, 'livenessProbe', object.doc);
        const readiness = probeOf(container, 'readinessProbe', object.doc);
        if (!liveness || !readiness || processOnly(liveness, object.doc)) continue;
        const a = plain(liveness, object.doc);
        const b = plain(readiness, object.doc);
        // A probe with a value the Helm renderer could not know is not known to be the other's.
        if (a === undefined || a !== b || a.includes('{{') || a.includes(HELM_UNKNOWN)) continue;
        const pair = pairOf(container.node, 'livenessProbe', object.doc);
        report({ messageId: 'identical', data: { container: container.name ?? '?' }, range: model.rangeOf(pair?.key as never) ?? container.anchorRange });
      }
    }
  },
});

/** A check that can only see the process (a port that accepts, the gRPC health service), never a dependency, or that cannot fail. */
function processOnly(probe: YAMLMap, doc: Document): boolean {
  if (valueOf(probe, 'tcpSocket', doc) || valueOf(probe, 'grpc', doc)) return true;
  const first = seqItems(nodeAt(probe, ['exec', 'command'], doc), doc)[0];
  const program = scalarString(first, doc)?.split('/').pop() ?? '';
  // `exec: [/bin/true]` passes whatever happens: it never fails, so it restarts nothing.
  return /^grpc[_-]health[_-]probe$/.test(program) || (program === 'true' && seqItems(nodeAt(probe, ['exec', 'command'], doc), doc).length === 1);
}

/** Kubernetes' defaults for a probe's fields: a field written with its default says the same as one left out. */
const PROBE_DEFAULTS: Readonly<Record<string, number>> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

/**
 * The probe as canonical text (merge keys expanded), without `initialDelaySeconds` and with fields at their Kubernetes
 * defaults left out (an explicit `failureThreshold: 3` is the probe without it; `scheme: HTTP` likewise); `undefined`
 * when its aliases expand past the bound (an alias bomb is not a probe).
 */
function plain(probe: YAMLMap, doc: Document): string | undefined {
  const data = plainData(probe, doc);
  if (data === undefined) return undefined;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return canonical(data);
  const fields: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  // When the first check comes does not change what happens after it (see the rationale).
  delete fields.initialDelaySeconds;
  for (const [key, value] of Object.entries(PROBE_DEFAULTS)) if (key in fields && Number(fields[key]) === value && `${fields[key]}`.trim() !== '') delete fields[key];
  const http = fields.httpGet;
  if (http && typeof http === 'object' && !Array.isArray(http) && (http as Record<string, unknown>).scheme === 'HTTP') {
    const { scheme: _scheme, ...rest } = http as Record<string, unknown>;
    fields.httpGet = rest;
  }
  return canonical(fields);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
