/** Kubernetes rules of the processes factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const processesRules: KubernetesRule[] = [];
