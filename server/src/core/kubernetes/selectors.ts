/**
 * Relations between objects: which pods a Service selects, which Services select a
 * workload's pods, which object an autoscaler's `scaleTargetRef` names, and whether
 * an object is a complete workload or a Kustomize patch fragment.
 */
import type { KubeObject, KubernetesModel } from './model';
import type { RelatedLocation } from '../types';
import type { Node } from 'yaml';
import { isLifecycleHook, isTemplated } from './model';
import { mapEntries, nodeAt, scalarString } from './yaml-nodes';
import { perObject } from './object-memo';
import { type Build, buildKey, builtPodLabels, builtSelector, buildsOfObject, inSomeBuild, isBesideTemplates, isKustomizePatch, isStray, nameRefMatches, namesOf, namespacesCompatible, onlyInPartialBuilds, podLabelSets, selectorSets } from './builds';
import { addTo } from '../lists';

/** Read once per Service: relations ask for the same selector many times. */
const selectorOf = perObject(readServiceSelector);

/** A Service's `spec.selector`; `undefined` when it has none (ExternalName, hand-managed Endpoints) or it is templated. */
export function serviceSelector(service: KubeObject): Record<string, string> | undefined {
  return service.kind === 'Service' ? selectorOf(service) : undefined;
}

function readServiceSelector(service: KubeObject): Record<string, string> | undefined {
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

/**
 * Objects without a namespace may be placed anywhere (kubectl -n, Kustomize): they are compatible with every
 * namespace. Compared as the objects' Kustomize builds place them (a build's `namespace:` wins), see builds.ts.
 */
export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  if (buildsOfObject(a).length === 0 && buildsOfObject(b).length === 0) return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
  return inSomeBuild(a, b, (ta, tb) => namespacesCompatible(a, ta, b, tb));
}

/** Whether `service`'s selector (written `selector`) selects the pods of `pod`, in a namespace compatible with it, in some build of both. */
function selectsIn(service: KubeObject, selector: Record<string, string>, pod: KubeObject): boolean {
  return inSomeBuild(service, pod, (ts, tp) => namespacesCompatible(service, ts, pod, tp) && matchesLabels(builtSelector(selector, service, ts) as Record<string, string>, builtPodLabels(pod, tp) as Record<string, string>));
}

/**
 * Whether a rule may conclude that what `object` refers to (a Service's pods, an autoscaler's target, a ConfigMap, a
 * route's Service) is absent from its application: the file was read whole ({@link KubernetesModel.readWhole}), the
 * object is not only part of a Kustomize Component, which a base it does not name completes, and its application
 * keeps no objects in another tool's templates (`deployment.tpl` for envsubst), which no target reads.
 */
export function absenceKnowable(model: KubernetesModel, object: KubeObject): boolean {
  return model.readWhole && !onlyInPartialBuilds(object) && !isBesideTemplates(object);
}

/** Workload kinds whose `spec.selector` the API server requires (apps/v1). */
const SELECTOR_REQUIRED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/**
 * A strategic-merge patch or other fragment: an object of a file a kustomization names as a patch (one that sets only
 * an image is still partial: its container is the base's), a pod template whose containers do not carry an image, or,
 * in a file beside a kustomization that does not read it, a Deployment (ReplicaSet, StatefulSet, DaemonSet) with
 * neither a selector nor pod labels, which the API server refuses: a patch left behind (Cypherspark/sms-gateway's
 * `overlays/dev/image-patch.yaml`).
 */
export function isPatchFragment(object: KubeObject): boolean {
  const pod = object.podSpec;
  if (!pod) return false;
  // A container with no `image` key is a patch's; one whose image is written but not known (a Helm value the chart
  // leaves empty, or an expression the renderer cannot evaluate) is still a whole container.
  if (isKustomizePatch(object) || pod.allContainers.length === 0 || pod.allContainers.some((c) => !c.image && !c.imageRange)) return true;
  return isStray(object) && SELECTOR_REQUIRED.has(object.kind) && Object.keys(pod.podLabels).length === 0 && !nodeAt(object.node, ['spec', 'selector'], object.doc);
}

/*
 * Relation look-ups are asked once per object of a file against every object of the workspace; scanning
 * the whole list each time is quadratic. Each list gets an index (built once, kept while the list lives):
 * objects by label pair, Services by selector pair, autoscalers by target. Answers for equal questions
 * (same labels or selector, same namespace) are shared, so many objects with one shared label set cost one
 * look-up. Callers must not mutate the arrays returned.
 */
const labelKey = (key: string, value: string) => `${key}\u0000${value}`;
const questionKey = (labels: Record<string, string>, namespace: string | undefined) =>
  `${namespace ?? '\u0001'}\u0002${Object.keys(labels)
    .sort()
    .map((k) => labelKey(k, labels[k]))
    .join('\u0003')}`;

interface RelationIndex {
  /** Position of each object in the list, to return matches in list order. */
  order: Map<KubeObject, number>;
  /** Complete pod-bearing objects (what a Service can select), by each of their pod label pairs. */
  podsByLabel?: Map<string, KubeObject[]>;
  /** Services with a selector, by each of their selector pairs. */
  servicesByLabel?: Map<string, KubeObject[]>;
  /** Autoscalers by `kind\u0000name` of their target. */
  scalersByTarget?: Map<string, KubeObject[]>;
  answers: Map<string, KubeObject[]>;
}

const relationIndexes = new WeakMap<readonly KubeObject[], RelationIndex>();

function indexOf(objects: readonly KubeObject[]): RelationIndex {
  let index = relationIndexes.get(objects);
  if (!index) {
    index = { order: new Map(objects.map((o, i) => [o, i])), answers: new Map() };
    relationIndexes.set(objects, index);
  }
  return index;
}

/** The smallest bucket among `pairs` (every match must be in each of them), or undefined when one is missing. */
function smallestBucket(map: Map<string, KubeObject[]>, labels: Record<string, string>): KubeObject[] | undefined {
  let best: KubeObject[] | undefined;
  for (const [k, v] of Object.entries(labels)) {
    const bucket = map.get(labelKey(k, v));
    if (!bucket) return undefined;
    if (!best || bucket.length < best.length) best = bucket;
  }
  return best;
}

function inListOrder(index: RelationIndex, objects: KubeObject[]): KubeObject[] {
  return objects.sort((a, b) => index.order.get(a)! - index.order.get(b)!);
}

// A hook (a chart's test Pod) runs at an install or a test and is gone: it is no backend of the Service that selects it.
const selectablePod = (o: KubeObject) => !!o.podSpec && o.kind !== 'CronJob' && !isPatchFragment(o) && !isLifecycleHook(o);

/** Pod-bearing objects (complete ones) whose pods the Service selects. */
export function podsSelectedBy(service: KubeObject, objects: readonly KubeObject[]): KubeObject[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  const index = indexOf(objects);
  const key = `pods\u0004${questionKey(selector, service.namespace)}\u0005${buildKey(service)}`;
  let answer = index.answers.get(key);
  if (!answer) {
    if (!index.podsByLabel) {
      index.podsByLabel = new Map();
      // Pods by every label they may carry: as written and as each of their builds makes them.
      for (const o of objects) {
        if (!selectablePod(o)) continue;
        const pairs = new Set<string>();
        for (const labels of podLabelSets(o)) for (const [k, v] of Object.entries(labels)) pairs.add(labelKey(k, v));
        for (const pair of pairs) addTo(index.podsByLabel, pair, o);
      }
    }
    const found = new Set<KubeObject>();
    for (const built of selectorSets(selector, service)) {
      for (const o of smallestBucket(index.podsByLabel, built as Record<string, string>) ?? []) if (!found.has(o) && selectsIn(service, selector, o)) found.add(o);
    }
    answer = inListOrder(index, [...found]);
    index.answers.set(key, answer);
  }
  return answer;
}

/** Services in `objects` that select the pods of `workload`. */
export function servicesSelecting(workload: KubeObject, objects: readonly KubeObject[]): KubeObject[] {
  const labels = workload.podSpec?.podLabels;
  if (!labels) return [];
  const index = indexOf(objects);
  const key = `services\u0004${questionKey(labels, workload.namespace)}\u0005${buildKey(workload)}`;
  let answer = index.answers.get(key);
  if (!answer) {
    if (!index.servicesByLabel) {
      index.servicesByLabel = new Map();
      for (const o of objects) {
        const selector = o.kind === 'Service' ? serviceSelector(o) : undefined;
        if (!selector) continue;
        // Any one pair of a selector is enough to find it: every pair must be among the pod's labels.
        const firsts = new Set<string>();
        for (const built of selectorSets(selector, o)) {
          const first = Object.entries(built)[0];
          if (first) firsts.add(labelKey(first[0], first[1]));
        }
        for (const first of firsts) addTo(index.servicesByLabel, first, o);
      }
    }
    const found = new Set<KubeObject>();
    const pairs = new Set<string>();
    for (const set of podLabelSets(workload)) for (const [k, v] of Object.entries(set)) pairs.add(labelKey(k, v));
    for (const pair of pairs) {
      for (const o of index.servicesByLabel.get(pair) ?? []) {
        if (!found.has(o) && selectsIn(o, serviceSelector(o)!, workload)) found.add(o);
      }
    }
    answer = inListOrder(index, [...found]);
    index.answers.set(key, answer);
  }
  return answer;
}

export interface ScaleTargetRef {
  kind: string;
  name: string;
}

/** An autoscaler's `spec.scaleTargetRef` as written, with the node of its `apiVersion`. */
export interface AutoscalerTarget {
  kind: string | undefined;
  name: string | undefined;
  apiVersionNode: Node | undefined;
}

/**
 * The `spec.scaleTargetRef` of an HPA, or of a KEDA ScaledObject (whose kind defaults to Deployment), as written;
 * undefined for other objects.
 */
export const autoscalerTargetOf = perObject((scaler: KubeObject): AutoscalerTarget | undefined => {
  const isHpa = scaler.kind === 'HorizontalPodAutoscaler' && /^autoscaling\//.test(scaler.apiVersion);
  const isKeda = scaler.kind === 'ScaledObject' && /^keda\.sh\//.test(scaler.apiVersion);
  if (!isHpa && !isKeda) return undefined;
  const ref = nodeAt(scaler.node, ['spec', 'scaleTargetRef'], scaler.doc);
  return {
    kind: scalarString(nodeAt(ref, ['kind'], scaler.doc), scaler.doc) ?? (isKeda ? 'Deployment' : undefined),
    name: scalarString(nodeAt(ref, ['name'], scaler.doc), scaler.doc),
    apiVersionNode: nodeAt(ref, ['apiVersion'], scaler.doc),
  };
});

/** The workload an HPA (or a KEDA ScaledObject) scales, when its kind and name are known (not templated). */
export const scaleTargetOf = perObject((scaler: KubeObject): ScaleTargetRef | undefined => {
  const { kind, name } = autoscalerTargetOf(scaler) ?? {};
  if (!name || !kind || isTemplated(name) || isTemplated(kind)) return undefined;
  return { kind, name };
});

/**
 * Autoscalers in `objects` that scale `workload`; with `keep`, only in the builds of the workload it accepts
 * (replicas-with-hpa: those that keep the workload's own replica count).
 */
export function autoscalersOf(workload: KubeObject, objects: readonly KubeObject[], keep: (tw: Build) => boolean = () => true): KubeObject[] {
  if (workload.name === undefined) return [];
  const index = indexOf(objects);
  if (!index.scalersByTarget) {
    index.scalersByTarget = new Map();
    for (const o of objects) {
      const ref = scaleTargetOf(o);
      if (ref) addTo(index.scalersByTarget, labelKey(ref.kind, ref.name), o);
    }
  }
  // The names the workload may go by: an autoscaler outside its builds may name it as built.
  const found = new Set<KubeObject>();
  for (const name of namesOf(workload)) for (const o of index.scalersByTarget.get(labelKey(workload.kind, name)) ?? []) found.add(o);
  const ref = (o: KubeObject) => scaleTargetOf(o)!.name;
  return inListOrder(
    index,
    [...found].filter((o) => inSomeBuild(o, workload, (to, tw) => keep(tw) && namespacesCompatible(o, to, workload, tw) && nameRefMatches(ref(o), workload, tw))),
  );
}

/** The autoscalers of a workspace (HorizontalPodAutoscalers and KEDA ScaledObjects), one stable list per workspace (its `objects` array). */
const scalerLists = new WeakMap<readonly KubeObject[], readonly KubeObject[]>();
export function autoscalersIn(workspace: { objects: readonly KubeObject[]; ofKind(kind: string): readonly KubeObject[] }): readonly KubeObject[] {
  let list = scalerLists.get(workspace.objects);
  if (!list) {
    list = [...workspace.ofKind('HorizontalPodAutoscaler'), ...workspace.ofKind('ScaledObject')];
    scalerLists.set(workspace.objects, list);
  }
  return list;
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Of the objects related to `from`, those defined nearest to it: in the same file if
 * any are, else in the same folder, else anywhere. Variants of one app kept side by
 * side (dev/ and prod/ folders, a good and a bad example) then relate within themselves.
 */
/** (Shared between callers: do not mutate the result.) */
export function nearest(candidates: readonly KubeObject[], from: KubeObject): KubeObject[] {
  // Relation answers are shared between objects with the same labels: answer each (list, file) once.
  let byUri = nearestCache.get(candidates);
  if (!byUri) nearestCache.set(candidates, (byUri = new Map()));
  let answer = byUri.get(from.uri);
  if (!answer) {
    answer = nearestUncached(candidates, from);
    byUri.set(from.uri, answer);
  }
  return answer;
}

const nearestCache = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]>>();

function nearestUncached(candidates: readonly KubeObject[], from: KubeObject): KubeObject[] {
  const sameFile = candidates.filter((o) => o.uri === from.uri);
  if (sameFile.length > 0) return sameFile;
  const folder = folderOf(from.uri);
  const sameFolder = candidates.filter((o) => folderOf(o.uri) === folder);
  return sameFolder.length > 0 ? sameFolder : [...candidates];
}

/** Where a related object is, for a finding's `related` locations: clickable in the editor, listed in JSON and SARIF. */
export function locationOf(object: KubeObject, message?: string): RelatedLocation {
  return { uri: object.uri, range: object.writtenKindRange ?? object.kindRange, message: message ?? `${object.kind} \`${object.name ?? '?'}\`` };
}
