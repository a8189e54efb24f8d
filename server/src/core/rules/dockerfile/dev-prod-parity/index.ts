/** Dockerfile rules of the dev-prod-parity factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const devProdParityRules: DockerfileRule[] = [];
