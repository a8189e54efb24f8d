/**
 * Files → the Kubernetes objects each file may relate to, through the application
 * boundaries of core/applications.ts. The CLI (over the files of a run) and the language
 * server's analysis workers (over the indexed workspace and the open documents) both use
 * this one piece, so a relation finding is the same whichever tool computed it.
 */
import { ApplicationIndex, isKustomizationFile } from './core/applications';
import type { KubeObject } from './core/kubernetes/model';

export interface RelatedFiles {
  /** Every file known (analysed or indexed). */
  uris: readonly string[];
  /** The text of a kustomization file among `uris`. */
  textOf(uri: string): string;
  /** The Kubernetes objects of one file (parsed on demand by the caller, once per version). */
  objectsOf(uri: string): readonly KubeObject[];
}

/**
 * For each file, the Kubernetes objects of the files in its application. Build a new one
 * whenever a file or its text changes: the answers are memoised per application.
 */
export function relatedObjects(files: RelatedFiles): (uri: string) => readonly KubeObject[] {
  const kustomizations = new Map(files.uris.filter(isKustomizationFile).map((uri) => [uri, files.textOf(uri)]));
  const applications = new ApplicationIndex({ uris: files.uris, kustomizations });
  const memo = new Map<readonly string[], readonly KubeObject[]>();
  return (uri) => {
    const related = applications.relatedFiles(uri);
    let objects = memo.get(related);
    if (!objects) {
      objects = related.flatMap((u) => files.objectsOf(u));
      memo.set(related, objects);
    }
    return objects;
  };
}
