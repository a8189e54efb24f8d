/** Kubernetes rules of the port-binding factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const portBindingRules: KubernetesRule[] = [];
