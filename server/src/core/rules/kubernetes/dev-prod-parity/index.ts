/** Kubernetes rules of the dev-prod-parity factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import devServerCommand from './dev-server-command';
import debugPort from './debug-port';
import localOnlyImage from './local-only-image';
import deprecatedApiVersion from './deprecated-api-version';

export const devProdParityRules: KubernetesRule[] = [devServerCommand, debugPort, localOnlyImage, deprecatedApiVersion];
