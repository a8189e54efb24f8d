/** Dockerfile rules of the port-binding factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import serverWithoutExpose from './server-without-expose';
import portMismatch from './port-mismatch';
import loopbackBind from './loopback-bind';
import exposeInvalidFormat from './expose-invalid-format';

export const portBindingRules: DockerfileRule[] = [serverWithoutExpose, portMismatch, loopbackBind, exposeInvalidFormat];
