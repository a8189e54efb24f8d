/** Dockerfile rules of the logs factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const logsRules: DockerfileRule[] = [];
