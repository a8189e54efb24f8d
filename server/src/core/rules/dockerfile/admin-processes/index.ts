/** Dockerfile rules of the admin-processes factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const adminProcessesRules: DockerfileRule[] = [];
