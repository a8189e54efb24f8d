/** Kubernetes rules of the config factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import literalSecretInManifest from './literal-secret-in-manifest';
import secretInConfigmap from './secret-in-configmap';
import plaintextSecretManifest from './plaintext-secret-manifest';
import environmentSwitchInEnv from './environment-switch-in-env';
import perEnvironmentConfigmap from './per-environment-configmap';
import duplicateEnvName from './duplicate-env-name';
import danglingConfigReference from './dangling-config-reference';

export const configRules: KubernetesRule[] = [
  literalSecretInManifest,
  secretInConfigmap,
  plaintextSecretManifest,
  environmentSwitchInEnv,
  perEnvironmentConfigmap,
  duplicateEnvName,
  danglingConfigReference,
];
