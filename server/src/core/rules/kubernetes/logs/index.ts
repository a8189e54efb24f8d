/** Kubernetes rules of the logs factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const logsRules: KubernetesRule[] = [];
