/**
 * Resource requests of a container as the scheduler sees them: a request, or a limit
 * (Kubernetes copies a limit into a missing request). Kustomize patches elsewhere in
 * the workspace may supply what the base leaves out.
 */
import type { Document } from 'yaml';
import type { Container, KubeObject } from './model';
import { nodeAt, scalarString } from './yaml-nodes';
import { isPatchFragment, sameNamespace } from './selectors';

export type ResourceName = 'cpu' | 'memory';

export function hasRequest(container: Container, resource: ResourceName, doc: Document): boolean {
  return ['requests', 'limits'].some((kind) => scalarString(nodeAt(container.node, ['resources', kind, resource], doc), doc) !== undefined);
}

/** True when the container, or the same container in a patch of the same object elsewhere in the workspace, requests `resource`. */
export function requestProvided(object: KubeObject, container: Container, resource: ResourceName, workspace: readonly KubeObject[]): boolean {
  if (hasRequest(container, resource, object.doc)) return true;
  return workspace.some(
    (other) =>
      other !== object &&
      other.kind === object.kind &&
      other.name === object.name &&
      sameNamespace(other, object) &&
      isPatchFragment(other) &&
      [...(other.podSpec?.containers ?? []), ...(other.podSpec?.initContainers ?? [])].some((c) => c.name === container.name && hasRequest(c, resource, other.doc)),
  );
}
