/**
 * Relations between objects: which pods a Service selects, which Services select a
 * workload's pods, which object an autoscaler's `scaleTargetRef` names, and whether
 * an object is a complete workload or a Kustomize patch fragment.
 */
import type { KubeObject } from './model';
import { isTemplated } from './model';
import { mapEntries, nodeAt, scalarString } from './yaml-nodes';

/** A Service's `spec.selector`; `undefined` when it has none (ExternalName, hand-managed Endpoints) or it is templated. */
export function serviceSelector(service: KubeObject): Record<string, string> | undefined {
  if (service.kind !== 'Service') return undefined;
  const selector = stringMapAt(service, ['spec', 'selector']);
  if (!selector || Object.keys(selector).length === 0) return undefined;
  if (Object.entries(selector).some(([k, v]) => isTemplated(k) || isTemplated(v))) return undefined;
  return selector;
}

function stringMapAt(object: KubeObject, path: string[]): Record<string, string> | undefined {
  const node = nodeAt(object.node, path, object.doc);
  if (!node) return undefined;
  const out: Record<string, string> = {};
  for (const { key, pair } of mapEntries(node, object.doc)) {
    const value = scalarString(pair.value, object.doc);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Equality selector semantics: every selector label is present with the same value. */
export function matchesLabels(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Objects without a namespace may be placed anywhere (kubectl -n, Kustomize): they are compatible with every namespace. */
export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

/** A strategic-merge patch or other fragment: a pod template whose containers do not carry an image. */
export function isPatchFragment(object: KubeObject): boolean {
  const pod = object.podSpec;
  if (!pod) return false;
  const containers = [...pod.containers, ...pod.initContainers];
  return containers.length === 0 || containers.some((c) => !c.image);
}

/** Pod-bearing objects (complete ones) whose pods the Service selects. */
export function podsSelectedBy(service: KubeObject, objects: readonly KubeObject[]): KubeObject[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  return objects.filter((o) => o.podSpec && o.kind !== 'CronJob' && !isPatchFragment(o) && sameNamespace(o, service) && matchesLabels(selector, o.podSpec.podLabels));
}

/** Services in `objects` that select the pods of `workload`. */
export function servicesSelecting(workload: KubeObject, objects: readonly KubeObject[]): KubeObject[] {
  const labels = workload.podSpec?.podLabels;
  if (!labels) return [];
  return objects.filter((o) => {
    const selector = o.kind === 'Service' ? serviceSelector(o) : undefined;
    return !!selector && sameNamespace(o, workload) && matchesLabels(selector, labels);
  });
}

export interface ScaleTargetRef {
  kind: string;
  name: string;
}

/** The `spec.scaleTargetRef` of an HPA (or a KEDA ScaledObject, whose kind defaults to Deployment). */
export function scaleTargetOf(scaler: KubeObject): ScaleTargetRef | undefined {
  const isHpa = scaler.kind === 'HorizontalPodAutoscaler' && /^autoscaling\//.test(scaler.apiVersion);
  const isKeda = scaler.kind === 'ScaledObject' && /^keda\.sh\//.test(scaler.apiVersion);
  if (!isHpa && !isKeda) return undefined;
  const ref = nodeAt(scaler.node, ['spec', 'scaleTargetRef'], scaler.doc);
  const name = scalarString(nodeAt(ref, ['name'], scaler.doc), scaler.doc);
  const kind = scalarString(nodeAt(ref, ['kind'], scaler.doc), scaler.doc) ?? (isKeda ? 'Deployment' : undefined);
  if (!name || !kind || isTemplated(name) || isTemplated(kind)) return undefined;
  return { kind, name };
}

/** Autoscalers in `objects` that scale `workload`. */
export function autoscalersOf(workload: KubeObject, objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter((o) => {
    const ref = scaleTargetOf(o);
    return !!ref && ref.kind === workload.kind && ref.name === workload.name && sameNamespace(o, workload);
  });
}


function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Of the objects related to `from`, those defined nearest to it: in the same file if
 * any are, else in the same folder, else anywhere. Variants of one app kept side by
 * side (dev/ and prod/ folders, a good and a bad example) then relate within themselves.
 */
export function nearest(candidates: readonly KubeObject[], from: KubeObject): KubeObject[] {
  const sameFile = candidates.filter((o) => o.uri === from.uri);
  if (sameFile.length > 0) return sameFile;
  const folder = folderOf(from.uri);
  const sameFolder = candidates.filter((o) => folderOf(o.uri) === folder);
  return sameFolder.length > 0 ? sameFolder : [...candidates];
}
