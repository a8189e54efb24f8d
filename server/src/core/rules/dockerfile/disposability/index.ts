/** Dockerfile rules of the disposability factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import shellFormCommand from './shell-form-command';

export const disposabilityRules: DockerfileRule[] = [shellFormCommand];
