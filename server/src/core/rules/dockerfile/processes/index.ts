/** Dockerfile rules of the processes factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const processesRules: DockerfileRule[] = [];
