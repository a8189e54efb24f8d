/**
 * Pieces of a pod spec that several rules read with their source ranges: the words
 * of a container's command line, its volume mounts, the pod's volumes, and whether
 * an object is only a fragment (a Kustomize patch) rather than a complete object.
 */
import { isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { Range } from '../types';
import type { Container, KubeObject, KubernetesModel } from './model';
import { WORKLOAD_KINDS, isKnativeServing, isLifecycleHook, isTemplated } from './model';
import { containerCommand, isIdleCommand, scalarLogical } from './commands';
import { isOfficialImage, isStandInImage, parseImageReference } from './images';
import { HELM_UNKNOWN, asMap, mapEntries, nodeAt, scalarNumber, scalarString, seqItems, valueOf } from './yaml-nodes';
import { perContainer, perObject } from './object-memo';

export interface CommandItem {
  text: string;
  node: Node;
  range: Range;
}

export interface CommandMatch {
  /** The matched text (from the joined command line). */
  text: string;
  /** Exact range of the match when it sits literally in one item, else the items it spans. */
  range: Range;
  /** The regex match on the joined command line (groups included). */
  match: RegExpExecArray;
}

/** `command` then `args` items of a container, with ranges; templated items are dropped. */
export const commandItems = perContainer((model: KubernetesModel, container: Container, doc: Document): readonly CommandItem[] => {
  const items: CommandItem[] = [];
  for (const key of ['command', 'args']) {
    for (const node of seqItems(valueOf(container.node, key, doc), doc)) {
      const text = scalarString(node, doc);
      const range = model.rangeOf(node);
      if (text === undefined || !range) continue;
      items.push({ text, node, range });
    }
  }
  return items;
});

/** Characters that end a simple command in a shell script: what comes after them is another command. */
const COMMAND_SEPARATORS = new Set(['\n', ';', '&', '|']);

/**
 * Runs a global regex over the container's command line (`command` + `args` joined
 * with spaces, so `["git", "clone", url]` reads as `git clone url`) and returns each
 * match with the tightest range we can be sure of. A match whose simple command holds a
 * value a Helm template leaves unknown (in the match or before it) is not one; the
 * literal commands around it are (a chart's `sh -c` script that installs `jq`, then
 * queries its own Service by a templated name).
 */
export function findInCommand(model: KubernetesModel, container: Container, doc: Document, pattern: RegExp): CommandMatch[] {
  const items = commandItems(model, container, doc);
  if (items.length === 0) return [];
  // A `sh -c` script's comments and here-document bodies run nothing: they are blanked (same length) before the search.
  const command = containerCommand(model.source, container, doc);
  const scriptStart = command?.inert ? command.script?.scalar?.range?.[0] : undefined;
  const starts: number[] = [];
  let joined = '';
  for (const item of items) {
    if (joined) joined += ' ';
    starts.push(joined.length);
    joined += scriptStart !== undefined && item.node.range?.[0] === scriptStart ? blanked(item.text, command!.inert!) : item.text;
  }
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  // Where the Helm values the template left unknown start, in order (isTemplated's two marks).
  const values: number[] = [];
  if (isTemplated(joined)) {
    for (const mark of ['{{', HELM_UNKNOWN]) for (let i = joined.indexOf(mark); i >= 0; i = joined.indexOf(mark, i + mark.length)) values.push(i);
    values.sort((a, b) => a - b);
  }
  let scanned = 0;
  let commandStart = 0;
  let nextValue = 0;
  const out: CommandMatch[] = [];
  for (let m = regex.exec(joined); m; m = regex.exec(joined)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    // An unknown value in the match, or before it in the same simple command (`{{ .Values.prefix }} git clone x` may
    // be `echo git clone x`), leaves the match unknown.
    // Matches come in order: the command's start and the Helm values before it are found by cursors, in one pass.
    for (; scanned < m.index; scanned++) if (COMMAND_SEPARATORS.has(joined[scanned])) commandStart = scanned + 1;
    while (nextValue < values.length && values[nextValue] < commandStart) nextValue++;
    if (nextValue < values.length && values[nextValue] < m.index + m[0].length) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    const touched = items.map((item, i) => ({ item, from: starts[i], to: starts[i] + item.text.length })).filter((x) => x.from < end && x.to > start);
    if (touched.length === 0) continue;
    let range: Range = { start: touched[0].item.range.start, end: touched[touched.length - 1].item.range.end };
    if (touched.length === 1) {
      // The match without its surrounding white space, as offsets in the item's value.
      const from = start - touched[0].from + (m[0].length - m[0].trimStart().length);
      const to = end - touched[0].from - (m[0].length - m[0].trimEnd().length);
      const narrowed = narrow(model, touched[0].item, from, to);
      if (narrowed) range = narrowed;
    }
    out.push({ text: m[0], range, match: m });
  }
  return out;
}

/** `text` with the spans `inert` replaced by spaces, so that offsets stay where they were. */
function blanked(text: string, inert: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let kept = 0;
  for (const [from, to] of inert) {
    const blank = Math.max(from, kept);
    const stop = Math.min(to, text.length);
    if (stop <= blank) continue;
    out += text.slice(kept, blank) + ' '.repeat(stop - blank);
    kept = stop;
  }
  return out + text.slice(kept);
}

/**
 * The range of the characters `[from, to)` of an item's value in the source, through the scalar's map from
 * value to source (quotes, escapes and a block's indentation accounted for): the occurrence that matched,
 * not an earlier one with the same text (in a comment, say).
 */
function narrow(model: KubernetesModel, item: CommandItem, from: number, to: number): Range | undefined {
  if (!isScalar(item.node) || to <= from || to > item.text.length) return undefined;
  const logical = scalarLogical(model.source, item.node);
  if (!logical) return undefined;
  return model.source.rangeOf(logical.offsetAt(from), logical.offsetAt(to - 1) + 1);
}

export interface Volume {
  name: string;
  node: YAMLMap;
  /** The volume source key: `hostPath`, `emptyDir`, `persistentVolumeClaim`, `configMap`… */
  sourceKind: string | undefined;
  source: YAMLMap | undefined;
}

/** The pod's `volumes`, by name. */
export const podVolumes = perObject((object: KubeObject): ReadonlyMap<string, Volume> => {
  const out = new Map<string, Volume>();
  const pod = object.podSpec;
  if (!pod) return out;
  for (const item of seqItems(valueOf(pod.node, 'volumes', object.doc), object.doc)) {
    const node = asMap(item, object.doc);
    const name = node && scalarString(valueOf(node, 'name', object.doc), object.doc);
    if (!node || !name) continue;
    const sourceEntry = mapEntries(node, object.doc).find((e) => e.key !== 'name');
    out.set(name, { name, node, sourceKind: sourceEntry?.key, source: sourceEntry ? asMap(valueOf(node, sourceEntry.key, object.doc), object.doc) : undefined });
  }
  return out;
});

export interface VolumeMount {
  name: string;
  mountPath: string | undefined;
  mountPathRange: Range | undefined;
  node: YAMLMap;
}

export const volumeMounts = perContainer((model: KubernetesModel, container: Container, doc: Document): readonly VolumeMount[] => {
  const out: VolumeMount[] = [];
  for (const item of seqItems(valueOf(container.node, 'volumeMounts', doc), doc)) {
    const node = asMap(item, doc);
    const name = node && scalarString(valueOf(node, 'name', doc), doc);
    if (!node || !name) continue;
    out.push({ name, mountPath: scalarString(valueOf(node, 'mountPath', doc), doc), mountPathRange: model.valueRange(node, 'mountPath', doc), node });
  }
  return out;
});

/** Names of the StatefulSet's `volumeClaimTemplates` (one claim per pod). */
export function claimTemplateNames(object: KubeObject): Set<string> {
  const names = new Set<string>();
  if (object.kind !== 'StatefulSet') return names;
  for (const item of seqItems(nodeAt(object.node, ['spec', 'volumeClaimTemplates'], object.doc), object.doc)) {
    const name = scalarString(nodeAt(item, ['metadata', 'name'], object.doc), object.doc);
    if (name) names.add(name);
  }
  return names;
}

/**
 * True when an object is a fragment meant to be merged (a Kustomize strategic-merge
 * patch): a controller without its selector or pod template labels. Rules must not
 * conclude that something is absent from a fragment.
 */
export const isFragment = perObject((object: KubeObject): boolean => {
  if (object.kind === 'Pod') return !object.podSpec;
  if (!object.podSpec) return true;
  if (object.kind === 'Job' || object.kind === 'CronJob') return false;
  // Knative workloads and KEDA ScaledJobs have no selector: their controller labels the pods itself.
  if (isKnativeServing(object.apiVersion) || (object.kind === 'ScaledJob' && /^keda\.sh\//.test(object.apiVersion))) return false;
  const selector = nodeAt(object.node, ['spec', 'selector'], object.doc);
  // A ReplicationController (and a pre-apps/v1 Deployment) without a selector selects its template's labels.
  const selectorOptional = object.kind === 'ReplicationController' || /^(extensions\/v1beta1|apps\/v1beta[12])$/.test(object.apiVersion);
  return (!selector && !selectorOptional) || Object.keys(object.podSpec.podLabels).length === 0;
});

/** Long-running workloads (not Jobs, not CronJobs, not a Helm or Argo CD hook such as a chart's test Pod). */
export function isLongRunning(object: KubeObject): boolean {
  return WORKLOAD_KINDS.has(object.kind) && !isLifecycleHook(object);
}

/** A container's `imagePullPolicy` node and its value as written (`Always`, `IfNotPresent`, `Never`). */
export function pullPolicyOf(container: Container, doc: Document): { node: Node | undefined; value: string | undefined } {
  const node = valueOf(container.node, 'imagePullPolicy', doc) as Node | undefined;
  return { node, value: scalarString(node, doc) };
}

/** Init containers declared as native sidecars (`restartPolicy: Always`) keep running next to the app. */
export function isNativeSidecar(container: Container, doc: Document): boolean {
  return container.isInit && scalarString(valueOf(container.node, 'restartPolicy', doc), doc) === 'Always';
}

/** The containers that run for the pod's lifetime: main containers plus native sidecars. */
export const runningContainers = perObject((object: KubeObject): readonly Container[] => {
  return (object.podSpec?.allContainers ?? []).filter((c) => !c.isInit || isNativeSidecar(c, object.doc));
});

/** `spec.replicas` when it is a literal number. */
export const replicasOf = perObject((object: KubeObject): number | undefined => scalarNumber(nodeAt(object.node, ['spec', 'replicas'], object.doc), object.doc));


/** Host directories that hold programs and libraries (not data): mounting them borrows the node's software. */
export function isHostSoftwarePath(path: string): boolean {
  const p = path.replace(/(?<!\/)\/+$/, '') || '/';
  if (/^\/lib(64)?\/modules(\/|$)/.test(p)) return false; // kernel modules: a node agent's business
  return /^\/(usr\/(local\/)?)?s?bin(\/|$)|^\/usr\/(local\/)?lib(32|64)?(\/|$)|^\/lib(32|64)?(\/|$)|^\/opt(\/|$)|^\/usr\/libexec(\/|$)/.test(p);
}

/**
 * A port name that says the port publishes metrics for a scraper (`metrics`, `http-metrics`, `metrics-https`,
 * `prometheus`, `prom`): Prometheus reads it whether or not the pod is Ready, and no client's request goes there.
 */
export function isMetricsPortName(name: string | undefined): boolean {
  return name !== undefined && /^((https?|tcp)-)?metrics(-(https?|tcp|port))?$|^prom(etheus)?$/i.test(name);
}

/** Port numbers a container's command or args bind (`--metrics-bind-address=:8443`, `--port=8080`, `--port 8080`). */
export function argumentPorts(container: Container, doc: Document): Set<number> {
  const ports = new Set<number>();
  for (const key of ['command', 'args']) {
    for (const item of seqItems(valueOf(container.node, key, doc), doc)) {
      const port = /(?:^|[:=\s])(\d{2,5})$/.exec(scalarString(item, doc) ?? '');
      if (port) ports.add(Number(port[1]));
    }
  }
  return ports;
}

/**
 * True when a container runs its image only as a stand-in whose content does not matter: a stand-in image
 * (`pause`, `test-webserver`), a container that only idles (`sleep infinity`, a loop that only sleeps), a
 * bare demo Pod that runs its own shell script on an official image (`nginx` for its `/bin/sh`), or a chart's test Pod.
 */
export function usesImageAsStandIn(model: KubernetesModel, object: KubeObject, container: Container): boolean {
  if (!container.image) return false;
  // A chart's test Pod (`helm.sh/hook: test`): `helm test` runs it to check a release; it is no part of one.
  if (object.kind === 'Pod' && /(^|,)\s*test(-success|-failure)?\s*(,|$)/.test(object.annotations['helm.sh/hook'] ?? '')) return true;
  const repository = parseImageReference(container.image).repository;
  if (isStandInImage(repository)) return true;
  const command = containerCommand(model.source, container, object.doc);
  if (isIdleCommand(command)) return true;
  return object.kind === 'Pod' && !!command?.script && isOfficialImage(repository);
}
