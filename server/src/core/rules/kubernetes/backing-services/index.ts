/** Kubernetes rules of the backing-services factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const backingServicesRules: KubernetesRule[] = [];
