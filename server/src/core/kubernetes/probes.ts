/**
 * Probes and ports of a container: where a probe points (`httpGet.port`,
 * `tcpSocket.port`, `grpc.port`, by number or by name) and whether the container
 * declares that port.
 */
import type { Document, Node, YAMLMap } from 'yaml';
import type { Container } from './model';
import { isTemplated } from './model';
import { asMap, nodeAt, scalarString, valueOf } from './yaml-nodes';

export type ProbeKey = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export const PROBE_KEYS: readonly ProbeKey[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

export function probeOf(container: Container, key: ProbeKey, doc: Document): YAMLMap | undefined {
  return asMap(valueOf(container.node, key, doc), doc);
}

export interface PortReference {
  /** The port as written: a number (`8080`) or a name (`http`). */
  value: string;
  node: Node;
  /** The number when the reference is numeric. */
  number: number | undefined;
}

/** Interprets a port value (Service targetPort, probe port): a number or an IANA-style name; templated values yield undefined. */
export function portReference(node: Node | undefined, doc: Document): PortReference | undefined {
  const value = scalarString(node, doc);
  if (!node || value === undefined || isTemplated(value) || value.trim() === '') return undefined;
  return { value, node, number: /^\d+$/.test(value) ? Number(value) : undefined };
}

/** The port a probe's handler targets, when it has one (exec probes have none). */
export function probePort(probe: YAMLMap, doc: Document): PortReference | undefined {
  for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
    const node = nodeAt(probe, [handler, 'port'], doc);
    if (node) return portReference(node, doc);
  }
  return undefined;
}

/** Whether `container` declares a port matching the reference (by number or by name). */
export function declaresPort(container: Container, ref: PortReference): boolean {
  return container.ports.some((p) => (ref.number !== undefined ? p.containerPort === ref.number : p.name === ref.value));
}
