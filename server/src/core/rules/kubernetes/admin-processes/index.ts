/** Kubernetes rules of the admin-processes factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const adminProcessesRules: KubernetesRule[] = [];
