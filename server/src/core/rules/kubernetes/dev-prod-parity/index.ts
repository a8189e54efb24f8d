/** Kubernetes rules of the dev-prod-parity factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';

export const devProdParityRules: KubernetesRule[] = [];
