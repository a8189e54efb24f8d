/** Kubernetes rules of the config factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const configRules: KubernetesRule[] = [];
