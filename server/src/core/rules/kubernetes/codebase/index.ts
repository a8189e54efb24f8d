/** Kubernetes rules of the codebase factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const codebaseRules: KubernetesRule[] = [];
