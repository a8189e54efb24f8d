/** Dockerfile rules of the build-release-run factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const buildReleaseRunRules: DockerfileRule[] = [];
