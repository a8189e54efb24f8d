/** Kubernetes rules of the dependencies factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const dependenciesRules: KubernetesRule[] = [];
