/** Dockerfile rules of the concurrency factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const concurrencyRules: DockerfileRule[] = [];
