/** Dockerfile rules of the backing-services factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';

export const backingServicesRules: DockerfileRule[] = [];
