/** Dockerfile rules of the config factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const configRules: DockerfileRule[] = [];
