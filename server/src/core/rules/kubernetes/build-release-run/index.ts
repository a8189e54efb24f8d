/** Kubernetes rules of the build-release-run factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import mutableImageTag from './mutable-image-tag';

export const buildReleaseRunRules: KubernetesRule[] = [mutableImageTag];
