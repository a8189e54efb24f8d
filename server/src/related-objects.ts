/**
 * Files → the Kubernetes objects each file may relate to, through the application
 * boundaries of core/applications.ts. The CLI (over the files of a run) and the language
 * server's analysis workers (over the indexed workspace and the open documents) both use
 * this one piece, so a relation finding is the same whichever tool computed it.
 */
import { ApplicationIndex, isKustomizationFile } from './core/applications';
import type { KubeObject } from './core/kubernetes/model';
import { assignBuilds, markBesideTemplates, markPatches, markStray } from './core/kubernetes/builds';

export interface RelatedFiles {
  /** Every file known (analysed or indexed). */
  uris: readonly string[];
  /** The text of a kustomization file among `uris`. */
  textOf(uri: string): string;
  /** The Kubernetes objects of one file (parsed on demand by the caller, once per version). */
  objectsOf(uri: string): readonly KubeObject[];
  /** Other tools' templates of manifests met beside the files, and not read (ApplicationInput.templates). */
  templates?: readonly string[];
}

/**
 * For each file, the Kubernetes objects of the files in its application. Build a new one
 * whenever a file or its text changes: the answers are memoised per application.
 */
export interface RelatedObjects {
  /** The Kubernetes objects of the files in `uri`'s application. */
  (uri: string): readonly KubeObject[];
  /** Image names every Kustomize build of `uri` pins (ApplicationIndex.pinnedImages), as the CLI passes them. */
  pinnedImages(uri: string): ReadonlySet<string> | undefined;
}

/**
 * Which files make up each application: it depends on the files' names and their kustomizations' texts only, so it
 * can outlive a RelatedObjects (whose memo holds parses) for as long as neither changes.
 */
export function applicationIndex(files: Pick<RelatedFiles, 'uris' | 'textOf' | 'templates'>): ApplicationIndex {
  const kustomizations = new Map(files.uris.filter(isKustomizationFile).map((uri) => [uri, files.textOf(uri)]));
  return new ApplicationIndex({ uris: files.uris, kustomizations, templates: files.templates });
}

/** `applications` must have been made from the same files (applicationIndex). */
export function relatedObjects(files: RelatedFiles, applications = applicationIndex(files)): RelatedObjects {
  const memo = new Map<readonly string[], readonly KubeObject[]>();
  // Each file's objects learn once what its Kustomize builds do to them (namespace, names, labels), whether a
  // kustomization names the file as a patch, whether it lies beside a kustomization that does not read it, and whether
  // its application keeps objects in templates no target reads.
  const told = new WeakSet<readonly KubeObject[]>();
  const objectsOf = (u: string) => {
    const objects = files.objectsOf(u);
    if (!told.has(objects)) {
      told.add(objects);
      assignBuilds(objects, applications.buildsOf(u));
      markPatches(objects, applications.isPatchFile(u));
      markStray(objects, applications.isStrayFile(u));
      markBesideTemplates(objects, applications.holdsUnreadTemplates(u));
    }
    return objects;
  };
  const objectsRelatedTo = (uri: string): readonly KubeObject[] => {
    const related = applications.relatedFiles(uri);
    let objects = memo.get(related);
    if (!objects) {
      objects = related.flatMap(objectsOf);
      memo.set(related, objects);
    }
    return objects;
  };
  return Object.assign(objectsRelatedTo, { pinnedImages: (uri: string) => applications.pinnedImages(uri) });
}
