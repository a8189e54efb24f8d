/** Dockerfile rules of the port-binding factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const portBindingRules: DockerfileRule[] = [];
