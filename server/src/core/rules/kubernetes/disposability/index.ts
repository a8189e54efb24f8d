/** Kubernetes rules of the disposability factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const disposabilityRules: KubernetesRule[] = [];
