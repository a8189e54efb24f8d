/**
 * Relations of one workspace, indexed once: autoscalers by the object they scale, workloads by
 * pod label, object names by kind and namespace. Relation rules ask one question per object of
 * their file; with this index each question is a look-up instead of a scan of every object of
 * the workspace (which made them quadratic in the number of objects).
 *
 * Two levels of caching:
 * - per workspace (the `objects` array of a KubernetesWorkspace): the indexes below, built on
 *   first use and dropped with the workspace;
 * - per object: what rules read from an object's YAML tree (an autoscaler's target and
 *   `maxReplicas`, a claim's access modes), read once and kept while the parse lives.
 *
 * The second half of this file describes each object's relations as plain data
 * ({@link RelationSignature}) so that the language server can tell, after an edit, which other
 * open files hold objects related to the changed ones (and re-check only those).
 *
 * Pure: no I/O, no timers.
 */
import type { Node } from 'yaml';
import type { KubernetesWorkspace } from '../rule';
import { WORKLOAD_KINDS, isTemplated, type KubeObject } from './model';
import { isPatchFragment, matchesLabels, sameNamespace, scaleTargetOf, serviceSelector } from './selectors';
import { collect, mapEntries, nodeAt, scalarNumber, scalarString, seqItems } from './yaml-nodes';
import { perObject } from './object-memo';
import { podVolumes } from './pod-parts';
import { parseImageReference } from './images';
import { buildKey, buildsOfObject, builtName, builtPodLabels, builtSelector, inSomeBuild, nameRefMatches, namesOf, namespacesCompatible, podLabelSets, selectorSets } from './builds';
import { addTo } from '../lists';

// ---------------------------------------------------------------------------------------------
// Per object: what relation rules read from the YAML tree.

// Each read once per object (object-memo.ts).

/** `spec.scaleTargetRef.{kind,name}` as written (any autoscaler kind, no apiVersion check). */
export const rawScaleTarget = perObject((object: KubeObject): { kind: string | undefined; name: string | undefined } => {
  const ref = nodeAt(object.node, ['spec', 'scaleTargetRef'], object.doc);
  return { kind: scalarString(nodeAt(ref, ['kind'], object.doc), object.doc), name: scalarString(nodeAt(ref, ['name'], object.doc), object.doc) };
});

/** An autoscaler's `spec.maxReplicas`. */
export const maxReplicasOf = perObject((scaler: KubeObject): number | undefined => scalarNumber(nodeAt(scaler.node, ['spec', 'maxReplicas'], scaler.doc), scaler.doc));

/** A PersistentVolumeClaim's `spec.accessModes` (non-scalars as ''). */
export const accessModesOf = perObject((claim: KubeObject): readonly string[] =>
  collect(seqItems(nodeAt(claim.node, ['spec', 'accessModes'], claim.doc), claim.doc), (n) => scalarString(n, claim.doc) ?? ''),
);

/** `spec.selector.matchLabels` (a PodDisruptionBudget's), scalar values only. */
export const matchLabelsOf = perObject((object: KubeObject): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const { key, pair } of mapEntries(nodeAt(object.node, ['spec', 'selector', 'matchLabels'], object.doc), object.doc)) {
    const value = scalarString(pair.value, object.doc);
    if (value !== undefined) out[key] = value;
  }
  return out;
});

// ---------------------------------------------------------------------------------------------
// Per workspace: the indexes.

export interface RelationIndex {
  /**
   * HorizontalPodAutoscalers whose `scaleTargetRef` names `workload` (its kind and name as written),
   * in a namespace compatible with it, in workspace order. One shared array per question: do not mutate.
   */
  hpasTargeting(workload: KubeObject): readonly KubeObject[];
  /**
   * Complete pod-bearing objects of `kinds` whose pod labels `selector` matches, in a namespace
   * compatible with `from`: by kind (in the order given), then in workspace order.
   */
  workloadsMatching(selector: Readonly<Record<string, string>>, kinds: readonly string[], from: KubeObject): readonly KubeObject[];
  /** Distinct names (first-seen order) of the named objects of `kind` in a namespace compatible with `from`. */
  namesOfKind(kind: string, from: KubeObject): readonly string[];
  /**
   * Complete long-running workloads whose main (first) container runs an image of `repository`
   * (non-templated), in a namespace compatible with `from`, in workspace order.
   */
  appsRunning(repository: string, from: KubeObject): readonly { object: KubeObject; image: string }[];
  /**
   * Complete long-running workloads that mount the PersistentVolumeClaim named `claim` (as written) for writing, in a
   * namespace compatible with `from` and in a build with it, in workspace order.
   */
  workloadsMountingClaim(claim: string, from: KubeObject): readonly KubeObject[];
  /** The objects of the workspace read from file `uri`, in workspace order (a Kustomize patch file's, for builtReplicas). */
  objectsOfFile(uri: string): readonly KubeObject[];
}

const labelKey = (key: string, value: string) => `${key}\u0000${value}`;
const namespaceKey = (namespace: string | undefined) => namespace ?? '\u0001';

interface Built {
  order: Map<KubeObject, number>;
  hpasByTarget?: Map<string, KubeObject[]>;
  podsByLabel?: Map<string, KubeObject[]>;
  answers: Map<string, readonly KubeObject[]>;
  names: Map<string, readonly string[]>;
  appsByRepository?: Map<string, { object: KubeObject; image: string }[]>;
  byClaim?: Map<string, KubeObject[]>;
  byFile?: Map<string, KubeObject[]>;
}

const indexes = new WeakMap<readonly KubeObject[], RelationIndex>();

/** The relation index of a workspace, built once per workspace (its `objects` array). */
export function relationIndex(workspace: KubernetesWorkspace): RelationIndex {
  let index = indexes.get(workspace.objects);
  if (!index) {
    index = build(workspace);
    indexes.set(workspace.objects, index);
  }
  return index;
}

function build(workspace: KubernetesWorkspace): RelationIndex {
  const state: Built = { order: new Map(workspace.objects.map((o, i) => [o, i])), answers: new Map(), names: new Map() };
  return {
    objectsOfFile(uri) {
      if (!state.byFile) {
        state.byFile = new Map();
        for (const object of workspace.objects) addTo(state.byFile, object.uri, object);
      }
      return state.byFile.get(uri) ?? [];
    },
    hpasTargeting(workload) {
      if (!state.hpasByTarget) {
        state.hpasByTarget = new Map();
        for (const hpa of workspace.ofKind('HorizontalPodAutoscaler')) {
          const { kind, name } = rawScaleTarget(hpa);
          if (kind !== undefined && name !== undefined) addTo(state.hpasByTarget, labelKey(kind, name), hpa);
        }
      }
      if (workload.name === undefined) return [];
      const key = `hpa\u0004${labelKey(workload.kind, workload.name)}\u0004${namespaceKey(workload.namespace)}\u0005${buildKey(workload)}`;
      let answer = state.answers.get(key);
      if (!answer) {
        // By every name the workload may go by (an autoscaler outside its builds may name it as built), then precisely.
        const found = new Set<KubeObject>();
        for (const name of namesOf(workload)) for (const hpa of state.hpasByTarget.get(labelKey(workload.kind, name)) ?? []) found.add(hpa);
        answer = [...found]
          .filter((hpa) => inSomeBuild(hpa, workload, (th, tw) => namespacesCompatible(hpa, th, workload, tw) && nameRefMatches(rawScaleTarget(hpa).name!, workload, tw)))
          .sort((a, b) => state.order.get(a)! - state.order.get(b)!);
        state.answers.set(key, answer);
      }
      return answer;
    },
    workloadsMatching(selector, kinds, from) {
      const entries = Object.entries(selector);
      if (entries.length === 0) return [];
      const key = `pods\u0004${kinds.join(',')}\u0004${namespaceKey(from.namespace)}\u0005${from.kind}\u0005${buildKey(from)}\u0004${entries
        .map(([k, v]) => labelKey(k, v))
        .sort()
        .join('\u0003')}`;
      let answer = state.answers.get(key);
      if (!answer) {
        if (!state.podsByLabel) {
          state.podsByLabel = new Map();
          for (const o of workspace.objects) {
            if (!o.podSpec || isPatchFragment(o)) continue;
            // By every label the pods may carry: as written and as each of their builds makes them.
            const pairs = new Set<string>();
            for (const labels of podLabelSets(o)) for (const [k, v] of Object.entries(labels)) pairs.add(labelKey(k, v));
            for (const pair of pairs) addTo(state.podsByLabel, pair, o);
          }
        }
        const candidates = new Set<KubeObject>();
        for (const built of selectorSets(selector, from)) {
          // Every match carries every selector pair: the smallest bucket holds them all.
          let bucket: KubeObject[] | undefined;
          for (const [k, v] of Object.entries(built)) {
            const b = state.podsByLabel.get(labelKey(k, v));
            if (!b) {
              bucket = [];
              break;
            }
            if (!bucket || b.length < bucket.length) bucket = b;
          }
          for (const o of bucket ?? []) candidates.add(o);
        }
        const found = [...candidates].filter(
          (o) =>
            kinds.includes(o.kind) &&
            inSomeBuild(from, o, (tf, to) => namespacesCompatible(from, tf, o, to) && matchesLabels(builtSelector(selector, from, tf) as Record<string, string>, builtPodLabels(o, to) as Record<string, string>)),
        );
        found.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || state.order.get(a)! - state.order.get(b)!);
        answer = found;
        state.answers.set(key, answer);
      }
      return answer;
    },
    namesOfKind(kind, from) {
      const key = `${kind}\u0004${namespaceKey(from.namespace)}\u0005${buildKey(from)}`;
      let names = state.names.get(key);
      if (!names) {
        const seen = new Set<string>();
        const outside = buildsOfObject(from).length === 0;
        for (const o of workspace.ofKind(kind)) {
          if (!o.name) continue;
          // In one build a reference names the object as written (Kustomize rewrites it) or as built (a name no object
          // is written with, left alone: nameRefMatches); from outside every build, as built.
          inSomeBuild(o, from, (to, tf) => {
            if (!namespacesCompatible(o, to, from, tf)) return false;
            seen.add(o.name!);
            if (to) seen.add(builtName(o, to)!);
            return false;
          });
          if (outside) for (const t of buildsOfObject(o)) if (namespacesCompatible(o, t, from, undefined)) seen.add(builtName(o, t)!);
        }
        names = [...seen];
        state.names.set(key, names);
      }
      return names;
    },
    appsRunning(repository, from) {
      if (!state.appsByRepository) {
        state.appsByRepository = new Map();
        for (const o of workspace.objects) {
          if (!WORKLOAD_KINDS.has(o.kind) || !o.podSpec || isPatchFragment(o)) continue;
          const image = o.podSpec.containers[0]?.image;
          if (image && !isTemplated(image)) addTo(state.appsByRepository, parseImageReference(image).repository, { object: o, image });
        }
      }
      return (state.appsByRepository.get(repository) ?? []).filter((a) => sameNamespace(a.object, from));
    },
    workloadsMountingClaim(claim, from) {
      if (!state.byClaim) {
        state.byClaim = new Map();
        for (const o of workspace.objects) {
          if (!WORKLOAD_KINDS.has(o.kind) || !o.podSpec || isPatchFragment(o)) continue;
          for (const name of new Set(writableClaimsOf(o).map((c) => c.claim))) addTo(state.byClaim, name, o);
        }
      }
      return (state.byClaim.get(claim) ?? []).filter((o) => inSomeBuild(from, o, (tf, to) => namespacesCompatible(from, tf, o, to)));
    },
  };
}

/**
 * The claims a workload's pods mount for writing (`persistentVolumeClaim.claimName` without `readOnly: true`), by the
 * name written (not templated), each with its `claimName` node.
 */
export const writableClaimsOf = perObject((object: KubeObject): readonly { claim: string; node: Node }[] => {
  const out: { claim: string; node: Node }[] = [];
  for (const volume of podVolumes(object).values()) {
    if (volume.sourceKind !== 'persistentVolumeClaim') continue;
    const node = nodeAt(volume.node, ['persistentVolumeClaim', 'claimName'], object.doc);
    const claim = scalarString(node, object.doc);
    if (!node || !claim || isTemplated(claim) || scalarString(nodeAt(volume.node, ['persistentVolumeClaim', 'readOnly'], object.doc), object.doc) === 'true') continue;
    out.push({ claim, node });
  }
  return out;
});

// ---------------------------------------------------------------------------------------------
// Kustomize generators: Secrets and ConfigMaps a build creates without a manifest of their own.

const generatedCache = new WeakMap<readonly KubeObject[], Map<string, ReadonlySet<string>>>();

/**
 * Names of the Secrets (`kind` 'Secret') or ConfigMaps ('ConfigMap') that the workspace's Kustomization
 * objects generate (`secretGenerator`, `configMapGenerator`), each as written and with the
 * kustomization's `namePrefix`/`nameSuffix` applied (a reference in the build is rewritten along with the
 * generated name; one outside it names the final name). Templated names are kept as written: callers
 * treat them as unknown. A `kustomization.yaml` without `apiVersion`/`kind` is a Kustomization all the same (kubernetes/model.ts).
 */
export function generatedNames(workspace: KubernetesWorkspace, kind: 'Secret' | 'ConfigMap'): ReadonlySet<string> {
  let byKind = generatedCache.get(workspace.objects);
  if (!byKind) generatedCache.set(workspace.objects, (byKind = new Map()));
  let names = byKind.get(kind);
  if (!names) {
    const out = new Set<string>();
    const key = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
    for (const k of workspace.ofKind('Kustomization')) {
      const prefix = scalarString(nodeAt(k.node, ['namePrefix'], k.doc), k.doc) ?? '';
      const suffix = scalarString(nodeAt(k.node, ['nameSuffix'], k.doc), k.doc) ?? '';
      for (const item of seqItems(nodeAt(k.node, [key], k.doc), k.doc)) {
        const name = scalarString(nodeAt(item, ['name'], k.doc), k.doc);
        if (!name) continue;
        out.add(name);
        out.add(`${prefix}${name}${suffix}`);
      }
    }
    names = out;
    byKind.set(kind, names);
  }
  return names;
}

/**
 * Annotations that have cert-manager's ingress-shim issue a certificate for an Ingress's (or a Gateway's) TLS entries,
 * into a Secret of the name each entry gives; `kubernetes.io/tls-acme: "true"` asks its default issuer.
 */
const ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

/**
 * The Secrets cert-manager creates for an annotated Ingress (`spec.tls[].secretName`) or Gateway (`spec.listeners[].tls
 * .certificateRefs[].name`), as written: the application defines them without a manifest of their own.
 */
export const issuedSecretsOf = perObject((object: KubeObject): readonly string[] => {
  if (object.kind !== 'Ingress' && object.kind !== 'Gateway') return [];
  const annotations = object.annotations;
  if (!ISSUER_ANNOTATIONS.some((a) => annotations[a] !== undefined) && annotations['kubernetes.io/tls-acme'] !== 'true') return [];
  const doc = object.doc;
  const out: string[] = [];
  const add = (name: string | undefined) => {
    if (name) out.push(name);
  };
  if (object.kind === 'Ingress') {
    for (const entry of seqItems(nodeAt(object.node, ['spec', 'tls'], doc), doc)) add(scalarString(nodeAt(entry, ['secretName'], doc), doc));
  } else {
    for (const listener of seqItems(nodeAt(object.node, ['spec', 'listeners'], doc), doc)) {
      for (const ref of seqItems(nodeAt(listener, ['tls', 'certificateRefs'], doc), doc)) {
        const kind = scalarString(nodeAt(ref, ['kind'], doc), doc);
        if (kind === undefined || kind === 'Secret') add(scalarString(nodeAt(ref, ['name'], doc), doc));
      }
    }
  }
  return out;
});

const issuedCache = new WeakMap<readonly KubeObject[], ReadonlySet<string>>();

/** Names of the Secrets cert-manager issues for the workspace's annotated Ingresses and Gateways ({@link issuedSecretsOf}). */
export function issuedSecretNames(workspace: KubernetesWorkspace): ReadonlySet<string> {
  let names = issuedCache.get(workspace.objects);
  if (!names) {
    const out = new Set<string>();
    for (const kind of ['Ingress', 'Gateway']) for (const o of workspace.ofKind(kind)) for (const name of issuedSecretsOf(o)) out.add(name);
    names = out;
    issuedCache.set(workspace.objects, names);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Relation signatures: which objects of other files an object's findings can depend on.

/**
 * What relates an object to objects of other files, as plain data (it crosses a worker boundary).
 * Two objects relate when one `wants` a token the other `provides`; label tokens are then checked
 * precisely (a selector must match the pod labels). A superset of what the relation rules read, so
 * that a change re-checks every file whose findings can change, and few others.
 */
export interface RelationSignature {
  kind: string;
  name?: string;
  /** A hash of the object's text: any edit inside the object changes it. */
  hash: string;
  provides: string[];
  wants: string[];
  /** Pod labels of a pod-bearing object (complete or fragment). */
  podLabels?: Record<string, string>;
  /** A Service's selector or a PodDisruptionBudget's matchLabels. */
  selector?: Record<string, string>;
  /** Taken in by Kustomize builds that change its labels or selector: label tokens are then not checked precisely. */
  built?: boolean;
}

/** FNV-1a over a string, as 8 hex digits (a change detector, not a security measure). */
function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + text.length.toString(36);
}

const firstPair = (labels: Record<string, string>): string | undefined => {
  const keys = Object.keys(labels).sort();
  return keys.length > 0 ? labelKey(keys[0], labels[keys[0]]) : undefined;
};

/** The relation signature of each object of a file (`text`: the text the objects were parsed from, LF line ends). */
export function relationSignatures(objects: readonly KubeObject[], text: string): RelationSignature[] {
  return objects.map((object) => signatureOf(object, text));
}

function signatureOf(object: KubeObject, text: string): RelationSignature {
  const range = object.node.range;
  const provides = new Set<string>();
  const wants = new Set<string>();
  const signature: RelationSignature = { kind: object.kind, name: object.name, hash: hashText(range ? text.slice(range[0], range[2]) : ''), provides: [], wants: [] };
  const self = object.name !== undefined ? `obj:${object.kind}/${object.name}` : undefined;
  if (self) {
    provides.add(self);
    // Patches of the same object elsewhere (requests supplied by a patch), autoscalers that name it.
    wants.add(self);
    // The names its builds give it: a reference from outside the builds may use them.
    for (const name of namesOf(object)) provides.add(`obj:${object.kind}/${name}`);
  }
  if (object.name !== undefined) provides.add(`kind:${object.kind}`);
  // A replica count, possibly a patch's without pod labels (see the budget's wants below).
  if (WORKLOAD_KINDS.has(object.kind) && nodeAt(object.node, ['spec', 'replicas'], object.doc)) provides.add('replicas');
  const pod = object.podSpec;
  if (pod) {
    signature.podLabels = pod.podLabels;
    const sets = podLabelSets(object);
    if (sets.length > 1) signature.built = true;
    for (const labels of sets) {
      for (const [k, v] of Object.entries(labels)) {
        provides.add(`pod:${labelKey(k, v)}`);
        wants.add(`sel:${labelKey(k, v)}`);
      }
    }
    for (const volume of podVolumes(object).values()) {
      if (volume.sourceKind !== 'persistentVolumeClaim') continue;
      const claim = scalarString(nodeAt(volume.node, ['persistentVolumeClaim', 'claimName'], object.doc), object.doc);
      if (claim) wants.add(`obj:PersistentVolumeClaim/${claim}`);
    }
    // Jobs are compared with the app's image; the app's main image is compared by Jobs.
    const isJob = object.kind === 'Job' || object.kind === 'CronJob';
    const images = isJob ? pod.allContainers : pod.containers.slice(0, 1);
    for (const container of images) {
      if (!container.image) continue;
      const repository = parseImageReference(container.image).repository;
      (isJob ? wants : provides).add(`img:${repository}`);
    }
    // Image pins of a Kustomization in the workspace.
    wants.add('kustomization');
    // The Secrets and ConfigMaps the pod may read (config/dangling-config-reference compares their names).
    wants.add('kind:Secret');
    wants.add('kind:ConfigMap');
    wants.add('issued:Secret');
  }
  if (object.kind === 'Kustomization') {
    provides.add('kustomization');
    // Its `replicas:` entries are judged against the workloads they count and the autoscalers that scale them.
    const entries = seqItems(nodeAt(object.node, ['replicas'], object.doc), object.doc);
    if (entries.length > 0) wants.add('scaler');
    for (const entry of entries) {
      const name = scalarString(nodeAt(entry, ['name'], object.doc), object.doc);
      if (name) for (const kind of WORKLOAD_KINDS) wants.add(`obj:${kind}/${name}`);
    }
  }
  // An Ingress or Gateway that has Secrets issued: a change to it (or to its annotation) may change which exist.
  if ((object.kind === 'Ingress' || object.kind === 'Gateway') && issuedSecretsOf(object).length > 0) provides.add('issued:Secret');
  const selector = object.kind === 'Service' ? serviceSelector(object) : object.kind === 'PodDisruptionBudget' ? matchLabelsOf(object) : undefined;
  if (selector && Object.keys(selector).length > 0) {
    signature.selector = { ...selector };
    const sets = selectorSets(selector, object);
    if (sets.length > 1) signature.built = true;
    for (const built of sets) {
      const first = firstPair(built as Record<string, string>)!;
      provides.add(`sel:${first}`);
      wants.add(`pod:${first}`);
    }
    // A budget skips workloads that an autoscaler scales, and judges each build's replica count (a kustomization's
    // `replicas:` entry, a patch that sets `spec.replicas`).
    if (object.kind === 'PodDisruptionBudget') {
      wants.add('scaler');
      wants.add('kustomization');
      wants.add('replicas');
    }
  }
  const target = scaleTargetOf(object) ?? (object.kind === 'HorizontalPodAutoscaler' ? definedTarget(rawScaleTarget(object)) : undefined);
  if (target) {
    provides.add(`obj:${target.kind}/${target.name}`);
    provides.add('scaler');
    wants.add(`obj:${target.kind}/${target.name}`);
    wants.add(`kind:${target.kind}`);
  }
  signature.provides = [...provides];
  signature.wants = [...wants];
  return signature;
}

function definedTarget(ref: { kind: string | undefined; name: string | undefined }): { kind: string; name: string } | undefined {
  return ref.kind !== undefined && ref.name !== undefined ? { kind: ref.kind, name: ref.name } : undefined;
}

/**
 * The tokens that changed between two versions of one file's signatures: everything the changed
 * objects provide (before and after), and `kind:<Kind>` only where the names of that kind changed
 * (a rule that lists the known names of a kind reads nothing else of them).
 */
export function changedTokens(before: readonly RelationSignature[] | undefined, after: readonly RelationSignature[] | undefined): Set<string> {
  const out = new Set<string>();
  const count = new Map<string, number>();
  for (const s of before ?? []) count.set(s.hash, (count.get(s.hash) ?? 0) + 1);
  for (const s of after ?? []) count.set(s.hash, (count.get(s.hash) ?? 0) - 1);
  const changed = (s: RelationSignature) => (count.get(s.hash) ?? 0) !== 0;
  for (const s of [...(before ?? []), ...(after ?? [])]) {
    if (!changed(s)) continue;
    for (const token of s.provides) if (!token.startsWith('kind:')) out.add(token);
  }
  const names = (list: readonly RelationSignature[] | undefined) => {
    const byKind = new Map<string, string[]>();
    for (const s of list ?? []) if (s.name !== undefined) addTo(byKind, s.kind, s.name);
    return byKind;
  };
  const a = names(before);
  const b = names(after);
  for (const kind of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(kind) ?? []).sort().join('\u0000') !== (b.get(kind) ?? []).sort().join('\u0000')) out.add(`kind:${kind}`);
  }
  return out;
}

/** The changed objects' signatures (before and after), for {@link dependsOn}'s precise check. */
export function changedSignatures(before: readonly RelationSignature[] | undefined, after: readonly RelationSignature[] | undefined): RelationSignature[] {
  const count = new Map<string, number>();
  for (const s of before ?? []) count.set(s.hash, (count.get(s.hash) ?? 0) + 1);
  for (const s of after ?? []) count.set(s.hash, (count.get(s.hash) ?? 0) - 1);
  return [...(before ?? []), ...(after ?? [])].filter((s) => (count.get(s.hash) ?? 0) !== 0);
}

/**
 * Whether a file whose objects are `consumers` can see its findings change when `tokens` changed
 * (from the objects `changed`). Label tokens are checked precisely: a Service or budget relates to a
 * workload only when its selector matches the workload's pod labels.
 */
export function dependsOn(consumers: readonly RelationSignature[], tokens: ReadonlySet<string>, changed: readonly RelationSignature[]): boolean {
  for (const consumer of consumers) {
    for (const token of consumer.wants) {
      if (!tokens.has(token)) continue;
      if (token.startsWith('sel:')) {
        // The consumer is pod-bearing: some changed Service or budget must select its pods.
        if (changed.some((c) => c.selector && c.provides.includes(token) && consumer.podLabels && (c.built || consumer.built || matchesLabels(c.selector, consumer.podLabels)))) return true;
      } else if (token.startsWith('pod:')) {
        // The consumer selects pods: some changed pod-bearing object must carry all its selector labels.
        if (changed.some((c) => c.podLabels && consumer.selector && (c.built || consumer.built || matchesLabels(consumer.selector, c.podLabels)))) return true;
      } else return true;
    }
  }
  return false;
}
