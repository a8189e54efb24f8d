/**
 * What the workspace's build tools say about image names: its kustomizations (`images: [{name, newName, newTag,
 * digest}]`) and its Skaffold configs (`build.artifacts[].image`).
 */
import type { Node } from 'yaml';
import type { KubernetesWorkspace } from '../rule';
import type { Range, RelatedLocation } from '../types';
import { locationOf } from './selectors';
import { isTemplated, type KubeObject, type KubernetesModel } from './model';
import { isLogicalImageName, isMovingTag, isPlaceholderImage, parseImageReference } from './images';
import { asMap, scalarString, seqItems, valueOf } from './yaml-nodes';
import { pathBelowShared } from './builds';

export interface KustomizeImageEntry {
  name: string;
  newName: string | undefined;
  newTag: string | undefined;
  digest: string | undefined;
  /** The Kustomization that holds the entry. */
  kustomization: KubeObject;
  /** Where the entry's `newTag` and `newName` are written, in the kustomization's file. */
  newTagRange: Range | undefined;
  newNameRange: Range | undefined;
}

/** The kustomization fields that rewrite image names: `images`, and `imageTags`, its name before kustomize 2.0. */
export const IMAGE_FIELDS = ['images', 'imageTags'] as const;

/**
 * Every `images:` (or `imageTags:`) entry of every Kustomization the workspace holds, in file order; read once per
 * workspace, however many rules and files ask (an application's workspace is shared by its files).
 */
export function kustomizeImageEntries(workspace: KubernetesWorkspace): readonly KustomizeImageEntry[] {
  const known = entriesByWorkspace.get(workspace);
  if (known) return known;
  const entries = workspace.ofKind('Kustomization').flatMap(imageEntriesOf);
  entriesByWorkspace.set(workspace, entries);
  return entries;
}

/** The `images:` (or `imageTags:`) entries of one Kustomization, in file order. */
export function imageEntriesOf(k: KubeObject): KustomizeImageEntry[] {
  const entries: KustomizeImageEntry[] = [];
  // `imageTags` is the field's old name, which kustomize still applies (with a warning).
  for (const item of IMAGE_FIELDS.flatMap((field) => seqItems(valueOf(k.node, field, k.doc), k.doc))) {
    const entry = asMap(item, k.doc);
    if (!entry) continue;
    const name = scalarString(valueOf(entry, 'name', k.doc), k.doc);
    if (!name) continue;
    const [newName, newTag, digest] = ['newName', 'newTag', 'digest'].map((key) => valueOf(entry, key, k.doc));
    const rangeOf = (node: Node | undefined) => (node?.range && !k.templated ? k.source.rangeOf(node.range[0], node.range[1]) : undefined);
    entries.push({
      name,
      newName: scalarString(newName, k.doc),
      newTag: scalarString(newTag, k.doc),
      digest: scalarString(digest, k.doc),
      kustomization: k,
      newTagRange: rangeOf(newTag),
      newNameRange: rangeOf(newName),
    });
  }
  return entries;
}

const entriesByWorkspace = new WeakMap<KubernetesWorkspace, readonly KustomizeImageEntry[]>();

/**
 * The images a Skaffold config of the workspace builds (`build.artifacts[].image`, in its profiles too): Skaffold
 * replaces each such name in the manifests it deploys with the tag (or digest) of the build it made
 * (`piomin/admin` becomes `piomin/admin:<commit>`), so the name as written pins nothing and moves nothing.
 */
export function skaffoldArtifactImages(workspace: KubernetesWorkspace): string[] {
  const out: string[] = [];
  for (const config of workspace.ofKind('Config')) {
    if (!config.apiVersion.startsWith('skaffold/')) continue;
    const builds = [valueOf(config.node, 'build', config.doc), ...seqItems(valueOf(config.node, 'profiles', config.doc), config.doc).map((p) => valueOf(asMap(p, config.doc), 'build', config.doc))];
    for (const build of builds) {
      for (const artifact of seqItems(valueOf(asMap(build, config.doc), 'artifacts', config.doc), config.doc)) {
        const image = scalarString(valueOf(asMap(artifact, config.doc), 'image', config.doc), config.doc);
        if (image) out.push(image);
      }
    }
  }
  return out;
}

/** Whether an `images:` entry pins what runs: a digest, or a new tag that is no moving one (`newTag: latest` pins nothing). */
export function imageEntryPins(newTag: string | undefined, digest: string | undefined): boolean {
  return (newTag !== undefined && newTag !== '' && !isMovingTag(newTag)) || (digest !== undefined && digest !== '');
}

/**
 * Image names the builds around the workspace pin: those every Kustomize build of the file pins (`pinnedImages`, when
 * the caller knows the builds), else those any kustomization's `images:` entry pins; and the images a Skaffold config
 * builds and tags itself. Match an image against them with imageNamedIn.
 */
export function namesPinnedByBuilds(workspace: KubernetesWorkspace): ReadonlySet<string> {
  const names = new Set(workspace.pinnedImages ?? kustomizeImageEntries(workspace).filter((e) => imageEntryPins(e.newTag, e.digest)).map((e) => e.name));
  for (const image of skaffoldArtifactImages(workspace)) names.add(image);
  return names;
}

/**
 * Whether `image` is one of `names` as kustomize matches an `images:` name: the name alone matches every tag and
 * digest of it (`app` matches `app:1.0`), and a name written with a tag (`app:latest`) matches that tag only.
 */
export function imageNamedIn(names: ReadonlySet<string>, image: string): boolean {
  if (names.size === 0) return false;
  const parts = parseImageReference(image);
  return names.has(parts.repository) || (parts.tag !== undefined && names.has(`${parts.repository}:${parts.tag}`));
}

/** What a rule says of a moving tag that a Kustomize build writes over an image's (movingTagSetByBuilds). */
export interface MovingTagByBuild {
  /** The tag (`master`), the entry's image name, and the first kustomization that sets it as seen from the file. */
  tag: string;
  name: string;
  kustomization: string;
  /** Every kustomization that sets one, to show beside the finding. */
  related: RelatedLocation[];
}

/**
 * The moving tag that kustomizations of the workspace give `image` in place of the one written in file `uri`
 * (`images: [{name: app, newTag: master}]` in a development overlay, over a base's untagged `app`); undefined when none
 * does. The same moving tag as the one written counts too: a base's `:latest` that the production overlay pins and the
 * development overlay sets to `latest` again is fixed in that overlay, not in the base (chalcedonyt/gdgdemo-k8s). The
 * kustomize match of imageNamedIn.
 */
export function movingTagSetByBuilds(workspace: KubernetesWorkspace, uri: string, image: string): MovingTagByBuild | undefined {
  const entries = kustomizeImageEntries(workspace);
  if (entries.length === 0) return undefined;
  const setting = entries.filter(
    (e) => !e.digest && e.newTag !== undefined && isMovingTag(e.newTag) && imageNamedIn(new Set([e.name]), image),
  );
  if (setting.length === 0) return undefined;
  return {
    tag: setting[0].newTag!,
    name: setting[0].name,
    kustomization: kustomizationPath(uri, setting[0].kustomization),
    related: setting.map((e) => {
      const message = `sets \`newTag: ${e.newTag}\``;
      return e.newTagRange ? { uri: e.kustomization.uri, range: e.newTagRange, message } : locationOf(e.kustomization, message);
    }),
  };
}

/** Where a kustomization is, as seen from the file `uri`: its path below the folder both share (`overlays/dev/kustomization.yaml`). */
function kustomizationPath(uri: string, kustomization: KubeObject): string {
  return pathBelowShared(uri, kustomization.uri);
}

/** A container image written out in full: what the registry and digest rules can judge. */
export interface WrittenImage {
  image: string;
  repository: string;
  digest: string | undefined;
  range: Range;
}

/**
 * The images of a file's pod templates (init containers included) that are written out, so their
 * registry and pinning are known: not Helm expressions, fill-in placeholders or logical names a build
 * tool replaces, and not names a kustomization of the workspace rewrites (`images:` entries).
 */
export function writtenImages(model: KubernetesModel, workspace: KubernetesWorkspace): WrittenImage[] {
  let rewritten: Set<string> | undefined;
  const images: WrittenImage[] = [];
  for (const object of model.objects) {
    const pod = object.podSpec;
    if (!pod) continue;
    for (const container of pod.allContainers) {
      const image = container.image;
      if (!image || !container.imageRange || isTemplated(image) || isPlaceholderImage(image) || isLogicalImageName(image)) continue;
      const parts = parseImageReference(image);
      rewritten ??= new Set(kustomizeImageEntries(workspace).map((e) => e.name));
      if (imageNamedIn(rewritten, image)) continue;
      images.push({ image, repository: parts.repository, digest: parts.digest, range: container.imageRange });
    }
  }
  return images;
}
