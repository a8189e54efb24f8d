/** Dockerfile rules of the dev-prod-parity factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import devServer from './dev-server';
import debugPortExposed from './debug-port-exposed';
import debuggerFlag from './debugger-flag';
import libcMismatch from './libc-mismatch';
import constantPlatform from './constant-platform';

export const devProdParityRules: DockerfileRule[] = [devServer, debugPortExposed, debuggerFlag, libcMismatch, constantPlatform];
