/** Dockerfile rules of the dependencies factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const dependenciesRules: DockerfileRule[] = [];
