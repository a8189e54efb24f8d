/**
 * Application boundaries: which files may relate to which. A Service relates to the
 * pods of its own application only, never to a look-alike in an unrelated sample that
 * shares the repository. The CLI and the server both ask this one index, so a finding
 * never depends on which tool computed it.
 *
 * The rules, in order:
 * - a Kustomize build (a folder with `kustomization.yaml`) is one application, and it
 *   takes in what its `resources`, `bases` and `components` name (other builds, files);
 *   a base is read together with the overlays that name it, whose patches complete it;
 * - a Helm chart (a folder with `Chart.yaml`) is one application, its templates related across all of its folders;
 * - otherwise a file relates to the files of its own folder, of the folders above it and
 *   of the folders below it, up to the nearest boundary. Sibling folders (two samples
 *   side by side, a `dev/` and a `prod/` variant) do not relate to each other.
 *
 * Within an application, objects are compared as Kustomize builds them: `buildsOf` tells what
 * each build that takes a file in does to its objects (namespace, name prefix and suffix,
 * labels); kubernetes/builds.ts applies it in the relation look-ups.
 *
 * Pure: it sees file URIs and the text of kustomization files, never the file system.
 */
import { readData } from './yaml-read';
import { decodeUri } from './uri';
import { perString } from './string-memo';
import { IMAGE_FIELDS, imageEntryPins } from './kubernetes/kustomize-images';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const CHART_NAMES = new Set(['Chart.yaml', 'Chart.yml']);
/** Kustomize's remote-reference shorthands: not files of this workspace. */
const REMOTE_HOSTS = ['github.com/', 'gitlab.com/', 'bitbucket.org/', 'git@'];

export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash < 0 ? '' : uri.slice(0, slash);
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export function isKustomizationFile(uri: string): boolean {
  return KUSTOMIZATION_NAMES.has(baseName(uri));
}

/** `dir` joined with a relative path, `.` and `..` resolved; undefined for remote references. */
export function resolveReference(dir: string, reference: string): string | undefined {
  if (reference.includes('://') || reference.includes('?ref=') || reference.startsWith('/') || REMOTE_HOSTS.some((h) => reference.startsWith(h))) return undefined;
  const scheme = dir.match(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i)?.[0] ?? '';
  const segments = dir.slice(scheme.length).split('/');
  for (const part of reference.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length > 1) segments.pop();
    } else segments.push(part);
  }
  return scheme + segments.join('/');
}

/** A kustomization's text as data; undefined when it does not parse to a map. */
function readKustomization(text: string): Record<string, unknown> | undefined {
  let data: unknown;
  try {
    data = readData(text, { maxAliasCount: 100, uniqueKeys: false });
  } catch {
    return undefined;
  }
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** What a kustomization names in `resources`, `bases` and `components`. */
export function kustomizationReferences(text: string): string[] {
  return referencesOf(readKustomization(text));
}

function referencesOf(data: Record<string, unknown> | undefined): string[] {
  if (!data) return [];
  const out: string[] = [];
  for (const key of ['resources', 'bases', 'components']) {
    const list = data[key];
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'string') out.push(item);
  }
  return out;
}

/**
 * The files a kustomization names as patches: `patches` entries with a `path` (or written as a bare path), and
 * `patchesStrategicMerge` entries that are paths rather than inline YAML. Their objects are partial: what they leave
 * out is the base's.
 */
function patchPathsOf(data: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const add = (entry: unknown) => {
    if (typeof entry === 'string' && !entry.includes('\n')) out.push(entry);
    else if (entry && typeof entry === 'object' && typeof (entry as Record<string, unknown>).path === 'string') out.push((entry as Record<string, string>).path);
  };
  for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    const list = data?.[key];
    if (Array.isArray(list)) for (const entry of list) add(entry);
  }
  return out;
}

/** The image names a kustomization's `images:` transformer pins to a tag or digest (`newTag`, `digest`); `newTag: latest` or another moving tag pins nothing. */
export function kustomizationPinnedImages(text: string): string[] {
  return pinnedImagesOf(readKustomization(text));
}


function pinnedImagesOf(data: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  for (const entry of IMAGE_FIELDS.flatMap((field) => (Array.isArray(data?.[field]) ? (data[field] as unknown[]) : []))) {
    if (!entry || typeof entry !== 'object') continue;
    const { name, newTag, digest } = entry as Record<string, unknown>;
    const pinned = imageEntryPins(newTag === undefined || newTag === null ? undefined : String(newTag), typeof digest === 'string' ? digest : undefined);
    if (typeof name === 'string' && pinned) out.push(name);
  }
  return out;
}

/**
 * What a Kustomize build does to the identity and labels of the objects it takes in, for relations:
 * - `namespace` replaces every object's namespace (an outer build's wins);
 * - `namePrefix`/`nameSuffix` rename objects (an outer prefix goes in front, an outer suffix at the end);
 *   Kustomize rewrites the references to renamed objects of the same build with them;
 * - `commonLabels` go to metadata, selectors and pod templates; `labels:` entries go to metadata, and
 *   to selectors and templates with `includeSelectors: true`, to templates with `includeTemplates: true`.
 *   An outer build's value wins for the same key.
 */
export interface KustomizeTransform {
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  metadataLabels: Readonly<Record<string, string>>;
  selectorLabels: Readonly<Record<string, string>>;
  templateLabels: Readonly<Record<string, string>>;
  /**
   * The build patches its objects in ways the linter does not read: an inline `patch:`, a patch with a `target`
   * (JSON 6902 operations, or a strategic merge aimed by selector), `patchesJson6902`. What those patches add or change
   * (a container, a port) is unknown, so a rule that would conclude something is absent stays silent. Patch files
   * named by `path` without a target are objects of the workspace and are read as such.
   */
  unreadPatches?: true;
  /**
   * What may set replica counts: the strategic-merge patch files the kustomization applies (a patch object may set
   * `spec.replicas`), then the entries of its `replicas:` field (`- {name: web, count: 2}`), which Kustomize applies
   * after its patches; each with the folder of the kustomization that writes it. In a build, innermost first: the last
   * that sets an object's count decides it (builtReplicas in kubernetes/builds.ts).
   */
  replicas?: readonly ReplicaSource[];
}

/** One entry of a kustomization's `replicas:` field. */
export interface ReplicaSetting {
  name: string;
  /** The folder of the kustomization that writes it (as ApplicationIndex names folders). */
  folder: string;
  /** The count it sets, when it is a whole number (`count: 3` or `count: "3"`). */
  count?: number;
  /** The kind a patch's `target` names (a `replicas:` entry names none). */
  kind?: string;
  /**
   * Set for a patch aimed at one object by its `target`: `inline` when its text sets the count (`op: replace, path:
   * /spec/replicas`, or a strategic merge that sets `spec.replicas`), `unread` for a file of JSON 6902 operations, whose
   * effect on the count is not read (the count is then unknown).
   */
  aimed?: 'inline' | 'unread';
}

/** A strategic-merge patch file a kustomization applies to its objects by their kind and name (no `target`). */
export interface ReplicaPatch {
  /** The patch file. */
  patch: string;
  folder: string;
}

export type ReplicaSource = ReplicaSetting | ReplicaPatch;

/** One way an object is built: through a chain of kustomizations up to `root`, one that nothing includes. */
export interface BuildVariant extends KustomizeTransform {
  /** The folder of the outermost kustomization: objects relate through a build only when they share it. */
  root: string;
  /**
   * The root is a Kustomize Component (`kind: Component`) that no kustomization of the workspace includes. A component
   * is never deployed alone: a base it does not name completes it, so what its objects refer to may be there.
   */
  partial?: true;
}

const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

function labelMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const text = scalarText(v);
    if (text !== undefined) out[k] = text;
  }
  return out;
}

/** The transform of one kustomization's text (see {@link KustomizeTransform}). */
export function kustomizationTransform(text: string, folder = ''): KustomizeTransform {
  return transformOf(readKustomization(text), folder);
}

/**
 * What a kustomization may set replica counts with (see KustomizeTransform.replicas): its strategic-merge patch files
 * (`patches:` entries with a `path` and no `target`, `patchesStrategicMerge` files), then its `replicas:` entries (an
 * entry with a name and a count).
 */
function replicaSources(data: Record<string, unknown> | undefined, folder: string): ReplicaSource[] {
  const out: ReplicaSource[] = [];
  for (const path of strategicPatchPathsOf(data)) {
    const patch = resolveReference(folder, path);
    if (patch !== undefined) out.push({ patch, folder });
  }
  for (const setting of aimedReplicaPatches(data, folder)) out.push(setting);
  const entries = data?.replicas;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    const { name, count } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || (typeof count !== 'number' && typeof count !== 'string')) continue;
    const whole = Number(count);
    out.push(Number.isInteger(whole) && String(count).trim() !== '' ? { name, folder, count: whole } : { name, folder });
  }
  return out;
}

/** A target name Kustomize reads as a regular expression (`api-.*`): not one object's name. */
const PATTERN_CHARS = /[\\^$.*+?()[\]{}|]/;

/**
 * The replica counts a kustomization's patches aimed at one object by their `target` may set: an inline patch that
 * sets it (`target: {kind: Deployment, name: api}` with `patch: '- op: replace\n  path: /spec/replicas\n  value: 3'`,
 * or a strategic merge that sets `spec.replicas`), its count unknown unless it is a whole number; and a file of JSON
 * 6902 operations (`path:` with a `target`, `patchesJson6902`), not read here, whose count is unknown (memenow/dyvine's
 * production overlay replaces the base's count in one).
 */
function aimedReplicaPatches(data: Record<string, unknown> | undefined, folder: string): ReplicaSetting[] {
  const out: ReplicaSetting[] = [];
  const aim = (target: unknown): { name: string; kind?: string } | undefined => {
    if (!target || typeof target !== 'object') return undefined;
    const { kind, name } = target as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || PATTERN_CHARS.test(name)) return undefined;
    return typeof kind === 'string' ? { name, kind } : { name };
  };
  const json6902 = data?.patchesJson6902;
  if (Array.isArray(json6902)) {
    for (const entry of json6902) {
      const aimed = entry && typeof entry === 'object' ? aim((entry as Record<string, unknown>).target) : undefined;
      if (aimed) out.push({ ...aimed, folder, aimed: 'unread' });
    }
  }
  const patches = data?.patches;
  if (!Array.isArray(patches)) return out;
  for (const entry of patches) {
    if (!entry || typeof entry !== 'object') continue;
    const { target, patch, path } = entry as Record<string, unknown>;
    const aimed = aim(target);
    if (!aimed) continue;
    if (typeof patch !== 'string') {
      if (typeof path === 'string') out.push({ ...aimed, folder, aimed: 'unread' });
      continue;
    }
    let body: unknown;
    try {
      body = readData(patch, { maxAliasCount: 100, uniqueKeys: false });
    } catch {
      continue;
    }
    let value: unknown;
    let sets = false;
    if (Array.isArray(body)) {
      for (const op of body) {
        if (!op || typeof op !== 'object') continue;
        const { op: verb, path, value: v } = op as Record<string, unknown>;
        if ((verb === 'replace' || verb === 'add') && path === '/spec/replicas') {
          sets = true;
          value = v;
        }
      }
    } else if (body && typeof body === 'object') {
      const spec = (body as Record<string, unknown>).spec;
      if (spec && typeof spec === 'object' && 'replicas' in spec) {
        sets = true;
        value = (spec as Record<string, unknown>).replicas;
      }
    }
    if (!sets) continue;
    const count = typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    out.push({ ...aimed, folder, ...(count !== undefined ? { count } : {}), aimed: 'inline' });
  }
  return out;
}

/** The files a kustomization applies as strategic-merge patches matched by their own kind and name (no `target`). */
function strategicPatchPathsOf(data: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const strategic = data?.patchesStrategicMerge;
  if (Array.isArray(strategic)) for (const entry of strategic) if (typeof entry === 'string' && !entry.includes('\n')) out.push(entry);
  const patches = data?.patches;
  if (Array.isArray(patches)) {
    for (const entry of patches) {
      if (!entry || typeof entry !== 'object' || 'target' in entry) continue;
      const path = (entry as Record<string, unknown>).path;
      if (typeof path === 'string') out.push(path);
    }
  }
  return out;
}

function transformOf(data: Record<string, unknown> | undefined, folder = ''): KustomizeTransform {
  const namespace = scalarText(data?.namespace);
  const common = labelMap(data?.commonLabels);
  const metadataLabels: Record<string, string> = { ...common };
  const selectorLabels: Record<string, string> = { ...common };
  const templateLabels: Record<string, string> = { ...common };
  const labels = data?.labels;
  if (Array.isArray(labels)) {
    for (const entry of labels) {
      if (!entry || typeof entry !== 'object') continue;
      const { pairs, includeSelectors, includeTemplates } = entry as Record<string, unknown>;
      const map = labelMap(pairs);
      Object.assign(metadataLabels, map);
      if (includeSelectors === true) Object.assign(selectorLabels, map);
      if (includeSelectors === true || includeTemplates === true) Object.assign(templateLabels, map);
    }
  }
  const replicas = replicaSources(data, folder);
  return {
    ...(namespace ? { namespace } : {}),
    ...(hasUnreadPatches(data) ? { unreadPatches: true as const } : {}),
    ...(replicas.length > 0 ? { replicas } : {}),
    namePrefix: scalarText(data?.namePrefix) ?? '',
    nameSuffix: scalarText(data?.nameSuffix) ?? '',
    metadataLabels,
    selectorLabels,
    templateLabels,
  };
}

/** True when a kustomization patches in a way the linter does not read (see KustomizeTransform.unreadPatches). */
function hasUnreadPatches(data: Record<string, unknown> | undefined): boolean {
  if (!data) return false;
  const json6902 = data.patchesJson6902;
  if (Array.isArray(json6902) && json6902.length > 0) return true;
  const strategic = data.patchesStrategicMerge;
  if (Array.isArray(strategic) && strategic.some((entry) => typeof entry === 'string' && entry.includes('\n'))) return true;
  const patches = data.patches;
  if (!Array.isArray(patches)) return false;
  return patches.some((entry) => typeof entry === 'object' && entry !== null && ('patch' in entry || 'target' in entry));
}

/** `inner` seen through the build `outer` that includes it. */
function compose(inner: KustomizeTransform, outer: BuildVariant): BuildVariant {
  const namespace = outer.namespace ?? inner.namespace;
  const replicas = [...(inner.replicas ?? []), ...(outer.replicas ?? [])];
  return {
    root: outer.root,
    ...(namespace ? { namespace } : {}),
    ...(inner.unreadPatches || outer.unreadPatches ? { unreadPatches: true as const } : {}),
    ...(replicas.length > 0 ? { replicas } : {}),
    namePrefix: outer.namePrefix + inner.namePrefix,
    nameSuffix: inner.nameSuffix + outer.nameSuffix,
    metadataLabels: { ...inner.metadataLabels, ...outer.metadataLabels },
    selectorLabels: { ...inner.selectorLabels, ...outer.selectorLabels },
    templateLabels: { ...inner.templateLabels, ...outer.templateLabels },
  };
}

/**
 * The files in the order the CLI's walk meets them (cli-files.ts): each folder's entries sorted by name, a subfolder's
 * files where its name sorts among them. The language server reads files concurrently and lists open documents first;
 * in this order both hand relations the same ties to break (two Services selecting one pod: the first is named).
 */
export function walkOrder(uris: readonly string[]): string[] {
  const keyed = uris.map((uri) => ({ uri, key: walkKey(uri) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.uri);
}

/**
 * A URI's place in the walk as one string: its decoded names joined by a character below any a name can hold, so
 * that comparing two keys compares their names one by one, a folder before the names it begins (`b/` before
 * `b.yaml`). Kept per URI: the worker orders its files again after every change of a document.
 */
const walkKey = perString((uri: string): string => {
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i.exec(uri)?.[0] ?? '';
  const names = uri.slice(scheme.length).split('/');
  return `${scheme}\u0000${names.map((name) => (name.includes('%') ? decodeUri(name) : name)).join('\u0000')}`;
}, 16_384);

/** At most this many builds are followed per file (a diamond of overlays could otherwise multiply them). */
const MAX_BUILDS = 16;

export interface ApplicationInput {
  /** Every file the caller analyses (and any kustomization or chart file it knows of). */
  uris: readonly string[];
  /** The text of each kustomization file among `uris`. */
  kustomizations: ReadonlyMap<string, string>;
  /**
   * Other tools' templates of manifests the caller met and does not read (`deployment.tpl` for envsubst:
   * isManifestTemplatePath): the applications whose folders hold one have objects nobody here sees.
   */
  templates?: readonly string[];
}

export class ApplicationIndex {
  private readonly boundaries = new Set<string>();
  private readonly boundaryCache = new Map<string, string>();
  private readonly filesByFolder = new Map<string, string[]>();
  private readonly foldersByBoundary = new Map<string, string[]>();
  /** The folders that hold a `Chart.yaml`: each is one application, whatever folders its templates sit in. */
  private readonly charts = new Set<string>();
  /** Each boundary's folders sorted by name, with the order they were met (see foldersWithin). */
  private readonly sortedFolders = new Map<string, { name: string; order: number }[]>();
  private readonly references = new Map<string, string[]>();
  /** The kustomizations that name a folder in their resources (the reverse of `references`). */
  private readonly includedBy = new Map<string, string[]>();
  private readonly relatedCache = new Map<string, readonly string[]>();
  private readonly known: Set<string>;
  /** Image names each kustomization folder pins itself. */
  private readonly ownPins = new Map<string, string[]>();
  private readonly pinCache = new Map<string, ReadonlySet<string>>();
  /** What each kustomization folder does to the objects it takes in. */
  private readonly transforms = new Map<string, KustomizeTransform>();
  private readonly buildCache = new Map<string, readonly BuildVariant[]>();
  /** Kustomization folders whose kustomization is a `kind: Component`. */
  private readonly components = new Set<string>();
  /** The components each kustomization folder names (`components:`), resolved. */
  private readonly componentRefs = new Map<string, string[]>();
  /** The files some kustomization names as a patch (patchPathsOf). */
  private readonly patchFiles = new Set<string>();
  /** The folders that hold another tool's template of a manifest (ApplicationInput.templates). */
  private readonly templateFolders: ReadonlySet<string>;
  private readonly unreadCache = new Map<readonly string[], boolean>();

  constructor(input: ApplicationInput) {
    // The files in one order whatever order they came in (see walkOrder): which of two equally near objects a relation
    // names must not depend on which file the server happened to read first, or which tabs are open.
    const uris = walkOrder(input.uris);
    this.known = new Set(uris);
    this.templateFolders = new Set((input.templates ?? []).map(folderOf));
    for (const uri of uris) {
      const name = baseName(uri);
      if (KUSTOMIZATION_NAMES.has(name) || CHART_NAMES.has(name)) this.boundaries.add(folderOf(uri));
      if (CHART_NAMES.has(name)) this.charts.add(folderOf(uri));
    }
    for (const uri of uris) {
      const folder = folderOf(uri);
      const files = this.filesByFolder.get(folder);
      if (files) files.push(uri);
      else {
        this.filesByFolder.set(folder, [uri]);
        const boundary = this.boundaryOf(folder);
        const folders = this.foldersByBoundary.get(boundary) ?? [];
        folders.push(folder);
        this.foldersByBoundary.set(boundary, folders);
      }
    }
    const kustomizations = uris.filter((uri) => input.kustomizations.has(uri));
    for (const uri of input.kustomizations.keys()) if (!this.known.has(uri)) kustomizations.push(uri);
    for (const uri of kustomizations) {
      const text = input.kustomizations.get(uri)!;
      const folder = folderOf(uri);
      const data = readKustomization(text);
      const refs = referencesOf(data)
        .map((r) => resolveReference(folder, r))
        .filter((r): r is string => r !== undefined);
      this.references.set(folder, refs);
      this.ownPins.set(folder, pinnedImagesOf(data));
      this.transforms.set(folder, transformOf(data, folder));
      if (data?.kind === 'Component') this.components.add(folder);
      const components = Array.isArray(data?.components) ? (data.components as unknown[]).filter((c): c is string => typeof c === 'string') : [];
      this.componentRefs.set(folder, components.map((c) => resolveReference(folder, c)).filter((c): c is string => c !== undefined));
      for (const path of patchPathsOf(data)) {
        const file = resolveReference(folder, path);
        if (file !== undefined) this.patchFiles.add(file);
      }
      for (const ref of refs) {
        const including = this.includedBy.get(ref) ?? [];
        including.push(folder);
        this.includedBy.set(ref, including);
      }
    }
  }

  /**
   * Image names that every Kustomize build taking in `uri` pins to a tag or digest (`images:` with
   * `newTag` or `digest`): pinned by the file's own kustomization, or by every kustomization that
   * includes it, transitively. `undefined` when no kustomization takes the file in: it is judged as written.
   */
  pinnedImages(uri: string): ReadonlySet<string> | undefined {
    const folder = this.boundaryOf(folderOf(uri));
    const ownBuild = folder !== '' && this.references.has(folder);
    const direct = this.includedBy.get(uri) ?? [];
    if (!ownBuild && direct.length === 0) return undefined;
    const sets = direct.map((parent) => this.pinsOf(parent, new Set()));
    if (ownBuild) sets.push(this.pinsOf(folder, new Set()));
    // A file both in its own build and named by other builds: a name must be pinned in each of them.
    return intersect(sets);
  }

  /** True when a kustomization names file `uri` as a patch: its objects are partial, completed by the base. */
  isPatchFile(uri: string): boolean {
    return this.patchFiles.has(uri);
  }

  /**
   * True when a folder of `uri`'s application holds another tool's template of a manifest (`deployment.tpl`, which
   * envsubst renders before `kubectl apply`): objects the application deploys are in a file no target reads.
   */
  holdsUnreadTemplates(uri: string): boolean {
    if (this.templateFolders.size === 0) return false;
    const related = this.relatedFiles(uri);
    let answer = this.unreadCache.get(related);
    if (answer === undefined) {
      answer = this.templateFolders.has(folderOf(uri)) || related.some((file) => this.templateFolders.has(folderOf(file)));
      this.unreadCache.set(related, answer);
    }
    return answer;
  }

  /**
   * True when file `uri` lies beside a kustomization that neither takes it in nor patches with it, and no other
   * kustomization does either (a patch left behind, Cypherspark/sms-gateway's `overlays/dev/image-patch.yaml`):
   * `kubectl apply -k` never reads it.
   */
  isStrayFile(uri: string): boolean {
    return this.references.has(folderOf(uri)) && !isKustomizationFile(uri) && !this.includedBy.has(uri) && !this.patchFiles.has(uri);
  }

  /**
   * The builds that take in file `uri` (named in the `resources`, `bases` or `components` of a
   * kustomization, itself taken in by others up to a root), each with what it does to the file's
   * objects; empty when no kustomization names the file: its objects are as written.
   */
  buildsOf(uri: string): readonly BuildVariant[] {
    const out: BuildVariant[] = [];
    for (const folder of this.includedBy.get(uri) ?? []) {
      for (const variant of this.buildsThrough(folder, new Set())) {
        if (out.length >= MAX_BUILDS) return out;
        out.push(variant);
      }
    }
    return out;
  }

  /** The builds running through kustomization `folder`, its own transform applied. Memoised: linear in the kustomizations. */
  private buildsThrough(folder: string, visiting: Set<string>): readonly BuildVariant[] {
    const cached = this.buildCache.get(folder);
    if (cached) return cached;
    if (visiting.has(folder)) return [];
    visiting.add(folder);
    const own = this.transforms.get(folder) ?? transformOf(undefined);
    const parents = (this.includedBy.get(folder) ?? []).filter((p) => p !== folder);
    let result: BuildVariant[] = [];
    if (parents.length === 0) result = [{ root: folder, ...own, ...(this.components.has(folder) ? { partial: true as const } : {}) }];
    else {
      for (const parent of parents) {
        for (const outer of this.buildsThrough(parent, visiting)) {
          if (result.length >= MAX_BUILDS) break;
          result.push(compose(own, outer));
        }
      }
      // Every parent sits on a cycle: the folder is its own root.
      if (result.length === 0) result = [{ root: folder, ...own }];
    }
    visiting.delete(folder);
    this.buildCache.set(folder, result);
    return result;
  }

  /** Names pinned in every build that runs through kustomization `folder`. */
  private pinsOf(folder: string, visiting: Set<string>): ReadonlySet<string> {
    const cached = this.pinCache.get(folder);
    if (cached) return cached;
    if (visiting.has(folder)) return new Set();
    visiting.add(folder);
    const parents = this.includedBy.get(folder) ?? [];
    const inherited = parents.length > 0 ? intersect(parents.map((p) => this.pinsOf(p, visiting))) : new Set<string>();
    const result = new Set([...(this.ownPins.get(folder) ?? []), ...this.componentPins(folder, new Set()), ...inherited]);
    visiting.delete(folder);
    this.pinCache.set(folder, result);
    return result;
  }

  /**
   * Image names the components a kustomization names pin (`components: [../../components/version]` whose `images:` sets
   * `newTag`): a component's transformers apply to the whole build that takes it in, base included.
   */
  private componentPins(folder: string, visiting: Set<string>): string[] {
    const out: string[] = [];
    for (const component of this.componentRefs.get(folder) ?? []) {
      if (visiting.has(component)) continue;
      visiting.add(component);
      out.push(...(this.ownPins.get(component) ?? []), ...this.componentPins(component, visiting));
    }
    return out;
  }

  /** The nearest folder at or above `folder` that is a boundary, or '' when none is. */
  boundaryOf(folder: string): string {
    const cached = this.boundaryCache.get(folder);
    if (cached !== undefined) return cached;
    let result = '';
    const walked: string[] = [];
    for (let current = folder; current; current = parentOf(current)) {
      const hit = this.boundaryCache.get(current);
      if (hit !== undefined) {
        result = hit;
        break;
      }
      walked.push(current);
      if (this.boundaries.has(current)) {
        result = current;
        break;
      }
    }
    for (const w of walked) this.boundaryCache.set(w, result);
    return result;
  }

  /** The files `uri` may relate to, itself included. The same array for every file of one folder. */
  relatedFiles(uri: string): readonly string[] {
    const folder = folderOf(uri);
    const cached = this.relatedCache.get(folder);
    if (cached) return this.known.has(uri) ? cached : [uri, ...cached];
    const files = new Set<string>();
    const boundary = this.boundaryOf(folder);
    this.addFolderFamily(folder, boundary, files);
    // A chart's templates relate across its folders (`templates/deployments/`, `templates/services/`); a subchart under
    // `charts/` is a boundary of its own, so not among them.
    if (this.charts.has(boundary)) for (const other of this.foldersByBoundary.get(boundary) ?? []) for (const file of this.filesByFolder.get(other) ?? []) files.add(file);
    // A Kustomize build takes in the builds and files it names, transitively.
    const seen = new Set<string>();
    const pending = boundary && this.references.has(boundary) ? [boundary] : [];
    const takeIn = () => {
      while (pending.length > 0) {
        const build = pending.pop()!;
        if (seen.has(build)) continue;
        seen.add(build);
        for (const ref of this.references.get(build) ?? []) {
          if (this.known.has(ref)) files.add(ref);
          else if (this.filesByFolder.has(ref) || this.boundaries.has(ref)) {
            for (const f of this.foldersWithin(this.boundaryOf(ref), ref, true)) for (const file of this.filesByFolder.get(f) ?? []) files.add(file);
            if (this.references.has(ref)) pending.push(ref);
          }
        }
      }
    };
    takeIn();
    // A base is read together with the overlays that take it in: their patches complete its objects, and what else
    // they take in (a sibling folder's ConfigMaps, say) is deployed with it. Relations still pair objects by the
    // builds they share (kubernetes/builds.ts), so a sibling relates only through the overlay that joins them.
    const up = boundary ? [boundary] : [];
    const climbed = new Set<string>();
    while (up.length > 0) {
      const base = up.pop()!;
      if (climbed.has(base)) continue;
      climbed.add(base);
      for (const overlay of this.includedBy.get(base) ?? []) {
        this.addFolderFamily(overlay, overlay, files);
        if (this.references.has(overlay)) pending.push(overlay);
        up.push(overlay);
      }
    }
    takeIn();
    const result = [...files];
    this.relatedCache.set(folder, result);
    return this.known.has(uri) ? result : [uri, ...result];
  }

  /** The folder, the folders above it and the folders below it, within one boundary. */
  private addFolderFamily(folder: string, boundary: string, into: Set<string>): void {
    for (let current = folder; ; current = parentOf(current)) {
      for (const file of this.filesByFolder.get(current) ?? []) into.add(file);
      if (!current || current === boundary) break;
    }
    for (const other of this.foldersWithin(boundary, folder, false)) for (const file of this.filesByFolder.get(other) ?? []) into.add(file);
  }

  /**
   * The folders of a boundary below `folder` (and `folder` itself when `self`), in the order they were
   * met. Found by a binary search in the boundary's folders sorted by name: testing every folder of the
   * boundary for each folder asked was quadratic (800 folders with no boundary: 640,000 tests per run).
   */
  private foldersWithin(boundary: string, folder: string, self: boolean): string[] {
    let sorted = this.sortedFolders.get(boundary);
    if (!sorted) {
      sorted = (this.foldersByBoundary.get(boundary) ?? []).map((name, order) => ({ name, order })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.sortedFolders.set(boundary, sorted);
    }
    const prefix = `${folder}/`;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].name < folder) lo = mid + 1;
      else hi = mid;
    }
    const found: { name: string; order: number }[] = [];
    for (let i = lo; i < sorted.length; i++) {
      const name = sorted[i].name;
      if (name === folder) {
        if (self) found.push(sorted[i]);
        continue;
      }
      if (name.startsWith(prefix)) found.push(sorted[i]);
      else if (name > prefix) break;
    }
    return found.sort((a, b) => a.order - b.order).map((f) => f.name);
  }
}

function intersect(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = sets;
  return new Set([...first].filter((name) => rest.every((s) => s.has(name))));
}

function parentOf(folder: string): string {
  const slash = folder.lastIndexOf('/');
  // Stop at the scheme's root (`file://`): nothing above it.
  if (slash < 0 || folder.slice(0, slash).endsWith('/') || folder.slice(0, slash).endsWith(':')) return '';
  return folder.slice(0, slash);
}
