/** Dockerfile rules of the codebase factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const codebaseRules: DockerfileRule[] = [];
