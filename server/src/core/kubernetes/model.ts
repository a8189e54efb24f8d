/**
 * The Kubernetes objects of one YAML file, built once per document version on top
 * of the `yaml` package: every document of a multi-document stream (and the items of
 * a `kind: List`), with its kind, name, labels and the pod spec wherever that kind
 * keeps it. YAML that is not a Kubernetes object yields no objects at all.
 */
import { isScalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ParseProblem, Range, RelatedLocation } from '../types';
import type { SourceText } from '../source';
import { hasTemplateBraces } from '../text-scan';
import { HELM_UNKNOWN, YAML_PARSE_OPTIONS, asMap, collect, mapEntries, nodeAt, pairOf, scalarString, seqItems, valueOf } from './yaml-nodes';
import { isKustomizationFile } from '../applications';
import { currentApiVersion } from './api-versions';
import { duplicateKeyProblems, problemsOf, readAllDocuments } from '../yaml-read';

/** Where each kind keeps its pod template's spec, relative to the object root. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // OpenShift's DeploymentConfig under its legacy `v1` apiVersion.
  DeploymentConfig: ['spec', 'template', 'spec'],
};

/**
 * Pod templates of custom resources, keyed by `<api group>/<kind>`: a kind alone is ambiguous
 * (Knative's `Service` is no core `v1` Service). Argo Rollouts with `workloadRef` keep no template.
 */
const CRD_POD_SPEC_PATHS: Record<string, string[]> = {
  'serving.knative.dev/Service': ['spec', 'template', 'spec'],
  'serving.knative.dev/Configuration': ['spec', 'template', 'spec'],
  'serving.knative.dev/Revision': ['spec'],
  'argoproj.io/Rollout': ['spec', 'template', 'spec'],
  'apps.openshift.io/DeploymentConfig': ['spec', 'template', 'spec'],
  'keda.sh/ScaledJob': ['spec', 'jobTargetRef', 'template', 'spec'],
};

/** The path to an object's pod spec: built-in kinds by kind, custom resources by group and kind. */
function podSpecPath(apiVersion: string, kind: string): string[] | undefined {
  if (isBuiltInApi(apiVersion)) return POD_SPEC_PATHS[kind];
  const slash = apiVersion.lastIndexOf('/');
  return slash > 0 ? CRD_POD_SPEC_PATHS[`${apiVersion.slice(0, slash)}/${kind}`] : undefined;
}

/**
 * True for an object a deployment tool runs at a moment of its lifecycle rather than keeps running: a Helm hook
 * (`helm.sh/hook: test`, `pre-install`…) or an Argo CD hook (`argocd.argoproj.io/hook: PreSync`…), such as a chart's
 * test Pod. It serves no Service and keeps no data.
 */
export function isLifecycleHook(object: KubeObject): boolean {
  return object.annotations['helm.sh/hook'] !== undefined || object.annotations['argocd.argoproj.io/hook'] !== undefined;
}

/** Kinds whose pods run a long-lived process (as opposed to Jobs that run to completion). */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod', 'DeploymentConfig', 'Rollout', 'Service', 'Configuration', 'Revision']);
// `Service`, `Configuration`, `Revision`: Knative's. Only objects with a pod spec are workloads, and a core Service has none.

export interface EnvEntry {
  name: string;
  nameRange: Range;
  /** Literal `value:`; undefined when the variable comes from `valueFrom`. */
  value: string | undefined;
  valueNode: Node | undefined;
  valueRange: Range | undefined;
  /** The `valueFrom` map when present (secretKeyRef, configMapKeyRef, fieldRef…). */
  valueFrom: YAMLMap | undefined;
  node: YAMLMap;
}

export interface ContainerPort {
  containerPort: number | undefined;
  name: string | undefined;
  node: YAMLMap;
  range: Range;
}

export interface Container {
  node: YAMLMap;
  name: string | undefined;
  /** Range of the container's `name` value (where "missing field" findings sit), else of the item. */
  anchorRange: Range;
  image: string | undefined;
  imageRange: Range | undefined;
  /** Init containers run to completion before the app starts: not the long-running process. */
  isInit: boolean;
  env: EnvEntry[];
  ports: ContainerPort[];
  /** `command` then `args`, as strings (non-scalars skipped). */
  command: string[];
  args: string[];
}

export interface PodSpec {
  node: YAMLMap;
  /** The pod template's metadata (or the Pod's own metadata). */
  templateMetadata: YAMLMap | undefined;
  /** Labels the pods get: the template's labels (or the Pod's own). */
  podLabels: Record<string, string>;
  containers: Container[];
  initContainers: Container[];
  /** The init containers, then the main ones: every container of the pod, read once (rules must not mutate it). */
  allContainers: readonly Container[];
}

export interface KubeObject {
  uri: string;
  /**
   * The text the object was read from, to place a node of it in its own file (a related location in another file's
   * finding). For a rendered Helm template it is the rendered text, whose ranges are not the file's.
   */
  source: SourceText;
  /** 0-based index of the YAML document in the file. */
  documentIndex: number;
  doc: Document;
  node: YAMLMap;
  apiVersion: string;
  kind: string;
  kindRange: Range;
  /**
   * Where `kindRange` lies in the file as written, when the model reads a rendered Helm template (its ranges are the
   * rendered text's): what a related location in another finding points at. Undefined for plain YAML.
   */
  writtenKindRange?: Range;
  name: string | undefined;
  namespace: string | undefined;
  metadata: YAMLMap | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The whole object's range. */
  range: Range;
  podSpec: PodSpec | undefined;
  /** True when the object came from a file with Helm template syntax that still parsed. */
  templated: boolean;
}

export class KubernetesModel {
  readonly documents: Document[] = [];
  readonly objects: KubeObject[] = [];
  readonly parseProblems: ParseProblem[] = [];
  /** `{{ ... }}` in the text, or a chart's `templates/` folder: Helm decides the final YAML. */
  readonly isHelmTemplate: boolean;

  /**
   * True when every object of the file was read: not a Helm template (Helm decides its YAML) and no document lost to
   * a syntax error (a document that does not parse yields no object, so a Service's pods may be in it). A duplicate
   * key loses nothing: its document is read.
   */
  get readWhole(): boolean {
    return !this.isHelmTemplate && this.parseProblems.every((problem) => problem.kind === 'duplicate');
  }

  /**
   * Where the text at a range of this document is written: the range itself, or, in a chart template's rendering, the
   * values file line that sets a value shown there (`db-password: {{ .Values.database.password | quote }}`), else the
   * template's own text. Set by the analysis of a Helm template (analyze.ts).
   */
  writtenAt: (range: Range) => { uri: string; range: Range } = (range) => ({ uri: this.source.uri, range });

  /** A related location for a node, where it is written (writtenAt). */
  locationOfNode(node: Node | undefined | null, message: string): RelatedLocation | undefined {
    const range = this.rangeOf(node);
    return range && { ...this.writtenAt(range), message };
  }

  /** `valuesFile`: the file is a chart's values file (values.yaml or a --values file), which Helm reads, not kubectl. */
  constructor(
    readonly source: SourceText,
    options: { valuesFile?: boolean } = {},
  ) {
    this.isHelmTemplate = hasTemplateBraces(source.text) || /\/templates\/[^/]+$/.test(source.uri);
    // lfText: lone CR is a line break for us (as in LSP) but not for the yaml package; same offsets.
    readAllDocuments(source.lfText, YAML_PARSE_OPTIONS).forEach((doc, documentIndex) => {
      this.documents.push(doc);
      if (doc.errors.length > 0) {
        // A template that does not parse is not an error of the user's YAML: Helm renders it first.
        if (!this.isHelmTemplate) {
          this.parseProblems.push(...problemsOf(doc, source));
        }
        return;
      }
      const root = asMap(doc.contents, doc);
      // A key written twice in one map is read with the last value; what that means depends on who reads the document
      // (a template's duplicates are Helm's to render).
      if (!this.isHelmTemplate) this.parseProblems.push(...duplicateKeyProblems(doc, source, duplicateKeyConsequence(root, doc, options.valuesFile === true, source.uri)));
      if (!root) return;
      const object = this.toObject(root, doc, documentIndex);
      if (!object) return;
      if (object.kind === 'List' || object.kind.endsWith('List')) {
        for (const item of seqItems(valueOf(root, 'items', doc), doc)) {
          const itemMap = asMap(item, doc);
          const child = itemMap && this.toObject(itemMap, doc, documentIndex);
          if (child) this.objects.push(child);
        }
      } else {
        this.objects.push(object);
      }
    });
  }

  /** Source range of a node (the node's own text, without trailing comments). */
  rangeOf(node: Node | Pair | undefined | null): Range | undefined {
    if (!node) return undefined;
    const r = (node as Node).range ?? ((node as Pair).key as Node | undefined)?.range;
    if (!r) return undefined;
    if ('key' in (node as object) && 'value' in (node as object) && !(node as Node).range) {
      const pair = node as Pair;
      const start = ((pair.key as Node | undefined)?.range ?? [0])[0];
      const end = ((pair.value as Node | undefined)?.range ?? (pair.key as Node).range ?? [start, start, start])[1];
      return this.source.rangeOf(start, end);
    }
    return this.source.rangeOf(r[0], r[1]);
  }

  /** Range of the key `key` in `map` (for "this key is wrong" findings). */
  keyRange(map: YAMLMap | undefined, key: string, doc: Document): Range | undefined {
    const pair = pairOf(map, key, doc);
    return pair ? this.rangeOf(pair.key as Node) : undefined;
  }

  /** Range of the value of `key` in `map`, or of the key when the value is empty. */
  valueRange(map: YAMLMap | undefined, key: string, doc: Document): Range | undefined {
    const pair = pairOf(map, key, doc);
    if (!pair) return undefined;
    return this.rangeOf(pair.value as Node) ?? this.rangeOf(pair.key as Node);
  }

  private toObject(root: YAMLMap, doc: Document, documentIndex: number): KubeObject | undefined {
    let apiVersion = scalarString(valueOf(root, 'apiVersion', doc), doc);
    let kind = scalarString(valueOf(root, 'kind', doc), doc);
    // kustomize reads `kustomization.yaml` by its name; `apiVersion` and `kind` are optional there.
    if (!apiVersion && !kind && documentIndex === 0 && isKustomizationFile(this.source.uri)) {
      apiVersion = 'kustomize.config.k8s.io/v1beta1';
      kind = 'Kustomization';
    }
    if (!apiVersion && kind && this.isHelmTemplate) {
      const written = valueOf(root, 'apiVersion', doc);
      // Left to the install (`.Capabilities`, a helper that prints one): a current cluster serves the kind's current version.
      if (isScalar(written) && written.value === HELM_UNKNOWN) apiVersion = currentApiVersion(kind);
    }
    if (!apiVersion || !kind || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
    const metadata = asMap(valueOf(root, 'metadata', doc), doc);
    const object: KubeObject = {
      uri: this.source.uri,
      source: this.source,
      documentIndex,
      doc,
      node: root,
      apiVersion,
      kind,
      kindRange: this.valueRange(root, 'kind', doc) ?? this.rangeOf(root)!,
      name: scalarString(valueOf(metadata, 'name', doc), doc),
      namespace: scalarString(valueOf(metadata, 'namespace', doc), doc),
      metadata,
      labels: stringMap(valueOf(metadata, 'labels', doc), doc),
      annotations: stringMap(valueOf(metadata, 'annotations', doc), doc),
      range: this.rangeOf(root)!,
      podSpec: undefined,
      templated: this.isHelmTemplate,
    };
    object.podSpec = this.podSpecOf(object);
    return object;
  }

  private podSpecOf(object: KubeObject): PodSpec | undefined {
    const path = podSpecPath(object.apiVersion, object.kind);
    if (!path) return undefined;
    const doc = object.doc;
    const node = asMap(nodeAt(object.node, path, doc), doc);
    if (!node) return undefined;
    const templateMetadata = object.kind === 'Pod' ? object.metadata : asMap(nodeAt(object.node, [...path.slice(0, -1), 'metadata'], doc), doc);
    const knative = isKnativeServing(object.apiVersion);
    const containers = collect(seqItems(valueOf(node, 'containers', doc), doc), (item) => {
      const c = this.container(item, doc, false);
      // Knative names a container it was given without a name `user-container`, as `kubectl get` then shows it.
      return c && c.name === undefined && knative ? { ...c, name: 'user-container' } : c;
    });
    const initContainers = collect(seqItems(valueOf(node, 'initContainers', doc), doc), (item) => this.container(item, doc, true));
    return {
      node,
      templateMetadata,
      podLabels: stringMap(valueOf(templateMetadata, 'labels', doc), doc),
      containers,
      initContainers,
      allContainers: initContainers.length === 0 ? containers : [...initContainers, ...containers],
    };
  }

  private container(item: Node, doc: Document, isInit: boolean): Container | undefined {
    const node = asMap(item, doc);
    if (!node) return undefined;
    const nameNode = valueOf(node, 'name', doc);
    const imageNode = valueOf(node, 'image', doc);
    return {
      node,
      name: scalarString(nameNode, doc),
      anchorRange: this.rangeOf(nameNode) ?? this.rangeOf(node)!,
      image: scalarString(imageNode, doc),
      imageRange: this.rangeOf(imageNode),
      isInit,
      env: this.envList(valueOf(node, 'env', doc), doc),
      ports: collect(seqItems(valueOf(node, 'ports', doc), doc), (item) => {
        const p = asMap(item, doc);
        if (!p) return undefined;
        const port = scalarString(valueOf(p, 'containerPort', doc), doc);
        return { containerPort: port && /^\d+$/.test(port) ? Number(port) : undefined, name: scalarString(valueOf(p, 'name', doc), doc), node: p, range: this.rangeOf(p)! };
      }),
      command: collect(seqItems(valueOf(node, 'command', doc), doc), (n) => scalarString(n, doc) ?? ''),
      args: collect(seqItems(valueOf(node, 'args', doc), doc), (n) => scalarString(n, doc) ?? ''),
    };
  }

  /** One list per `env` sequence node: an aliased `env: *shared` in many containers is read once. */
  private readonly envLists = new WeakMap<Node, EnvEntry[]>();

  private envList(envNode: Node | undefined, doc: Document): EnvEntry[] {
    if (!envNode) return [];
    let list = this.envLists.get(envNode);
    if (!list) {
      list = collect(seqItems(envNode, doc), (e) => this.envEntry(e, doc));
      this.envLists.set(envNode, list);
    }
    return list;
  }

  private envEntry(item: Node, doc: Document): EnvEntry | undefined {
    const node = asMap(item, doc);
    if (!node) return undefined;
    const nameNode = valueOf(node, 'name', doc);
    const name = scalarString(nameNode, doc);
    if (!name) return undefined;
    const valueNode = valueOf(node, 'value', doc);
    return {
      name,
      nameRange: this.rangeOf(nameNode)!,
      value: scalarString(valueNode, doc),
      valueNode,
      valueRange: this.rangeOf(valueNode),
      valueFrom: asMap(valueOf(node, 'valueFrom', doc), doc),
      node,
    };
  }
}

/** Knative Serving's API group (`serving.knative.dev/v1`): Services, Configurations and Revisions that run pods. */
export function isKnativeServing(apiVersion: string): boolean {
  return apiVersion.startsWith('serving.knative.dev/');
}

/** Core API groups whose kinds we know; a CRD that happens to be called `Deployment` is skipped. */
export function isBuiltInApi(apiVersion: string): boolean {
  return /^(v1|apps\/v1(beta[12])?|batch\/v1(beta1)?|extensions\/v1beta1)$/.test(apiVersion);
}

/** True when a value is (partly) a Helm/Go template expression, so its real value is unknown. */
export function isTemplated(value: string | undefined): boolean {
  return !!value && (value.includes('{{') || value.includes(HELM_UNKNOWN));
}

function stringMap(node: unknown, doc: Document): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, pair } of mapEntries(node, doc)) {
    const value = isScalar(pair.value) || pair.value ? scalarString(pair.value, doc) : undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * What a key written twice means to whoever reads the document: kubectl refuses a manifest with one (since 1.21) and
 * the API server keeps the last value; Kustomize keeps the last value of a kustomization without a word, and Helm that
 * of a values file, where Kustomize's Helm inflation refuses it; other YAML (a Compose file, a CI workflow) is refused
 * by most of its tools.
 */
function duplicateKeyConsequence(root: YAMLMap | undefined, doc: Document, valuesFile: boolean, uri: string): string {
  // kubectl kustomize (5.5) builds a kustomization that repeats a key with the later value, where it refuses a
  // resource that does.
  if (isKustomizationFile(uri)) return 'as Kustomize reads it, without a warning';
  if (root && pairOf(root, 'apiVersion', doc) && pairOf(root, 'kind', doc)) return 'as the API server would read it (kubectl refuses the file)';
  if (valuesFile) return "as Helm reads it, without a warning (Kustomize's helmCharts refuses the file)";
  return 'as the tools that accept it read it (most refuse the file)';
}
