/** Dockerfile rules of the config factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import literalSecretEnv from './literal-secret-env';
import literalSecretArg from './literal-secret-arg';
import secretBuildArg from './secret-build-arg';
import environmentSwitch from './environment-switch';
import envFileCopied from './env-file-copied';
import credentialFileCopied from './credential-file-copied';
import buildArgFrozenIntoEnv from './build-arg-frozen-into-env';
import tlsVerificationDisabled from './tls-verification-disabled';
import undefinedBuildVariable from './undefined-build-variable';

export const configRules: DockerfileRule[] = [
  literalSecretEnv,
  literalSecretArg,
  secretBuildArg,
  environmentSwitch,
  envFileCopied,
  credentialFileCopied,
  buildArgFrozenIntoEnv,
  tlsVerificationDisabled,
  undefinedBuildVariable,
];
