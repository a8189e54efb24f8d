/**
 * Objects as Kustomize builds them, for relations. A file named by a kustomization is deployed
 * through its builds (core/applications.ts `buildsOf`): the build's `namespace` replaces the
 * object's, `namePrefix`/`nameSuffix` rename it, `commonLabels`/`labels` add to its labels, its
 * selectors and its pod template. Two objects relate as their builds make them:
 * - both taken in by builds: in some build they share (the same root), each as that build makes it;
 * - one taken in, the other not (a file outside every build, a patch): each build of the first
 *   against the second as written;
 * - neither: as written.
 *
 * The callers that know the files (the CLI, the server's workers, through related-objects.ts)
 * tell each object its builds with {@link assignBuilds}, and whether its file is a patch with {@link markPatches};
 * an object never told is as written.
 * Pure: no I/O.
 */
import type { BuildVariant, ReplicaSetting } from '../applications';
import type { KubeObject } from './model';
import { nodeAt, scalarNumber } from './yaml-nodes';

interface ObjectBuilds {
  variants: readonly BuildVariant[];
  /** Equal for objects with equal builds: part of the cache keys of relation answers. */
  key: string;
}

const registry = new WeakMap<KubeObject, ObjectBuilds>();
const keys = new WeakMap<readonly BuildVariant[], string>();

/** Records the builds of `objects` (all of one file); an empty list: the objects are as written. */
export function assignBuilds(objects: readonly KubeObject[], variants: readonly BuildVariant[]): void {
  if (variants.length === 0) {
    for (const object of objects) registry.delete(object);
    return;
  }
  let key = keys.get(variants);
  if (key === undefined) {
    key = JSON.stringify(variants);
    keys.set(variants, key);
  }
  const entry = { variants, key };
  for (const object of objects) registry.set(object, entry);
}

/**
 * A mark that a file's objects carry all together, set by related-objects.ts from what the application index says of
 * the file: `mark` puts each of the file's objects in or takes it out, `has` asks one object.
 */
function fileMark(): { mark(objects: readonly KubeObject[], marked: boolean): void; has(object: KubeObject): boolean } {
  const set = new WeakSet<KubeObject>();
  return {
    mark(objects, marked) {
      for (const object of objects) {
        if (marked) set.add(object);
        else set.delete(object);
      }
    },
    has: (object) => set.has(object),
  };
}

/**
 * Objects of a file a kustomization names as a patch (under `patches` or `patchesStrategicMerge`): partial objects,
 * whatever they hold (an image alone, a replica count).
 */
const patches = fileMark();
export const markPatches = patches.mark;
export const isKustomizePatch = patches.has;

/** Objects of a file beside a kustomization that no kustomization reads (ApplicationIndex.isStrayFile). */
const strays = fileMark();
export const markStray = strays.mark;
export const isStray = strays.has;

/**
 * Objects of an application that keeps objects in another tool's template of a manifest, which no target reads
 * (ApplicationIndex.holdsUnreadTemplates).
 */
const besideTemplates = fileMark();
export const markBesideTemplates = besideTemplates.mark;
export const isBesideTemplates = besideTemplates.has;

/** The builds of an object; empty when it is as written. */
export function buildsOfObject(object: KubeObject): readonly BuildVariant[] {
  return registry.get(object)?.variants ?? [];
}

/** True when every build that takes the object in is a Kustomize Component's own (see BuildVariant.partial). */
export function onlyInPartialBuilds(object: KubeObject): boolean {
  const variants = buildsOfObject(object);
  return variants.length > 0 && variants.every((v) => v.partial === true);
}

/**
 * True when a build that takes the object in patches it in ways the linter does not read (an inline patch, JSON 6902
 * operations): what the object becomes is not all in the workspace's files.
 */
export function patchedUnread(object: KubeObject): boolean {
  return buildsOfObject(object).some((v) => v.unreadPatches === true);
}

/** A cache-key fragment: equal for objects with the same builds ('' for objects as written). */
export function buildKey(object: KubeObject): string {
  return registry.get(object)?.key ?? '';
}

export type Build = BuildVariant | undefined;

/**
 * Whether `test` holds for some way `a` and `b` are built together (see the file comment). `ta` and
 * `tb` are the builds of `a` and `b` in that pairing, undefined for an object as written.
 */
export function inSomeBuild(a: KubeObject, b: KubeObject, test: (ta: Build, tb: Build) => boolean): boolean {
  const va = buildsOfObject(a);
  const vb = buildsOfObject(b);
  if (va.length === 0 && vb.length === 0) return test(undefined, undefined);
  if (vb.length === 0) return va.some((ta) => test(ta, undefined));
  if (va.length === 0) return vb.some((tb) => test(undefined, tb));
  return va.some((ta) => vb.some((tb) => ta.root === tb.root && test(ta, tb)));
}

/** The object's namespace in build `t`. */
export function builtNamespace(object: KubeObject, t: Build): string | undefined {
  return t?.namespace ?? object.namespace;
}

/** Objects without a namespace may be placed anywhere: compatible with every namespace. */
export function namespacesCompatible(a: KubeObject, ta: Build, b: KubeObject, tb: Build): boolean {
  const na = builtNamespace(a, ta);
  const nb = builtNamespace(b, tb);
  return na === undefined || nb === undefined || na === nb;
}

/** The object's name in build `t`. */
export function builtName(object: KubeObject, t: Build): string | undefined {
  return t && object.name !== undefined ? t.namePrefix + object.name + t.nameSuffix : object.name;
}

/** True when a `replicas:` entry or an inline patch's target names `object` (as written or as built, `built`). */
function settingNames(setting: ReplicaSetting, object: KubeObject, built: string | undefined): boolean {
  return (setting.kind === undefined || setting.kind === object.kind) && (setting.name === object.name || setting.name === built);
}

/** A workload's replica count in one build, and what sets it there. */
export interface BuiltReplicas {
  /** Undefined when not known: a templated count, a `replicas:` entry whose count is no whole number. */
  count: number | undefined;
  /** The patch object that sets it, when one does. */
  patch?: KubeObject;
  /** The `replicas:` entry that sets it, when one does. */
  setting?: ReplicaSetting;
}

/**
 * The replica count `object` has in build `t` (as written when `t` is undefined): the outermost setting of the build
 * that names it, a kustomization's `replicas:` entry or a patch object of the same kind and name (as written or as
 * built) that sets `spec.replicas` (`patchObjects` gives a patch file's objects); otherwise its own `spec.replicas`,
 * one when it has none.
 */
export function builtReplicas(object: KubeObject, t: Build, patchObjects: (uri: string) => readonly KubeObject[]): BuiltReplicas {
  const sources = t?.replicas;
  if (sources && object.name !== undefined) {
    const built = builtName(object, t);
    for (let i = sources.length - 1; i >= 0; i--) {
      const source = sources[i];
      if ('name' in source) {
        if (settingNames(source, object, built)) return { count: source.count, setting: source };
        continue;
      }
      for (const patch of patchObjects(source.patch)) {
        if (patch.kind !== object.kind || (patch.name !== object.name && patch.name !== built)) continue;
        const node = nodeAt(patch.node, ['spec', 'replicas'], patch.doc);
        if (node) return { count: scalarNumber(node, patch.doc), patch };
      }
    }
  }
  const own = nodeAt(object.node, ['spec', 'replicas'], object.doc);
  return { count: own ? scalarNumber(own, object.doc) : 1 };
}

/**
 * `to` (a file or folder URI) as seen from the file `from`: its path below the deepest folder both are in
 * (`overlays/dev/kustomization.yaml` from `base/app.yaml`; `overlays/dev` for that folder).
 */
export function pathBelowShared(from: string, to: string): string {
  const a = from.split('/');
  const b = to.split('/');
  let shared = 0;
  while (shared < a.length - 1 && shared < b.length - 1 && a[shared] === b[shared]) shared++;
  return b.slice(shared).join('/');
}

/** The root folder of build `t` as seen from the file `from` (`overlays/dev`), to name the build in a message. */
export function buildPath(t: BuildVariant, from: string): string {
  return pathBelowShared(from, t.root);
}

/** Labels of the object's pods in build `t` (a Pod's are its own metadata labels). */
export function builtPodLabels(object: KubeObject, t: Build): Readonly<Record<string, string>> {
  const labels = object.podSpec?.podLabels ?? {};
  if (!t) return labels;
  const added = object.kind === 'Pod' ? t.metadataLabels : t.templateLabels;
  return Object.keys(added).length === 0 ? labels : { ...labels, ...added };
}

/** Kinds whose label selector (`spec.selector` of a Service, `matchLabels` of a budget) Kustomize extends with selector labels. */
const SELECTOR_KINDS = new Set(['Service', 'PodDisruptionBudget']);

/**
 * A selector written on `object` as build `t` makes it. Only a selector that is written gets the
 * build's selector labels: a Service without one (ExternalName, hand-managed endpoints) stays
 * without one here, although Kustomize would give it one.
 */
export function builtSelector(selector: Readonly<Record<string, string>>, object: KubeObject, t: Build): Readonly<Record<string, string>> {
  if (!t || !SELECTOR_KINDS.has(object.kind) || Object.keys(selector).length === 0 || Object.keys(t.selectorLabels).length === 0) return selector;
  return { ...selector, ...t.selectorLabels };
}

/**
 * Whether a reference by name (`ref`) names `target` (built by `tt`), from wherever the reference is built.
 * In one build Kustomize rewrites a reference to the name an object is written with into that object's new name, so
 * the names as written compare; a reference that already names the target as built (an overlay's Ingress naming
 * `web-prod` under `nameSuffix: -prod`) names no object as written, is left alone, and reaches it too. A reference
 * from outside every build may name the target as written or as built.
 */
export function nameRefMatches(ref: string, target: KubeObject, tt: Build): boolean {
  if (ref === target.name) return true;
  return tt !== undefined && ref === builtName(target, tt);
}

/** Every name `object` may go by (as written, and in each of its builds), for look-ups by name. */
export function namesOf(object: KubeObject): string[] {
  if (object.name === undefined) return [];
  const out = [object.name];
  for (const t of buildsOfObject(object)) {
    const name = builtName(object, t)!;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Every pod label set `object` may have (as written, and in each of its builds), for look-ups by label. */
export function podLabelSets(object: KubeObject): Readonly<Record<string, string>>[] {
  const out = [object.podSpec?.podLabels ?? {}];
  for (const t of buildsOfObject(object)) {
    const labels = builtPodLabels(object, t);
    if (labels !== out[0]) out.push(labels);
  }
  return out;
}

/** Every selector `object` may have for `selector` as written (as written, and in each of its builds). */
export function selectorSets(selector: Readonly<Record<string, string>>, object: KubeObject): Readonly<Record<string, string>>[] {
  const out = [selector];
  for (const t of buildsOfObject(object)) {
    const built = builtSelector(selector, object, t);
    if (built !== selector) out.push(built);
  }
  return out;
}
