/**
 * Resource requests of a container as the scheduler sees them: a request, or a limit
 * (Kubernetes copies a limit into a missing request). Kustomize patches elsewhere in
 * the workspace may supply what the base leaves out.
 */
import { isScalar, type Document } from 'yaml';
import type { Container, KubeObject } from './model';
import { asMap, nodeAt, scalarString } from './yaml-nodes';
import { isPatchFragment, sameNamespace } from './selectors';

export type ResourceName = 'cpu' | 'memory';

export function hasRequest(container: Container, resource: ResourceName, doc: Document): boolean {
  return ['requests', 'limits'].some((kind) => scalarString(nodeAt(container.node, ['resources', kind, resource], doc), doc) !== undefined);
}

/** Extended resources that stand for a whole accelerator: `nvidia.com/gpu`, `amd.com/gpu`, `google.com/tpu`, `habana.ai/gaudi`. */
const ACCELERATOR = /^(nvidia\.com\/(gpu|mig-[\w.-]+)|amd\.com\/gpu|google\.com\/tpu|habana\.ai\/gaudi|aws\.amazon\.com\/neuron(core|device)?|gpu\.intel\.com\/i915)$/;

/** True when the container requests or limits a GPU or TPU. */
export function requestsAccelerator(container: Container, doc: Document): boolean {
  return ['requests', 'limits'].some((kind) => {
    const map = asMap(nodeAt(container.node, ['resources', kind], doc), doc);
    return !!map && map.items.some((pair) => ACCELERATOR.test(String(isScalar(pair.key) ? pair.key.value : pair.key)));
  });
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
      (other.podSpec?.allContainers ?? []).some((c) => c.name === container.name && hasRequest(c, resource, other.doc)),
  );
}
