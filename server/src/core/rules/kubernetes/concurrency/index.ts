/** Kubernetes rules of the concurrency factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const concurrencyRules: KubernetesRule[] = [];
