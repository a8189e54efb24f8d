/** Kubernetes rules of the build-release-run factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import mutableImageTag from './mutable-image-tag';
import alwaysPullMutableTag from './always-pull-mutable-tag';
import perEnvironmentImage from './per-environment-image';
import buildInContainerCommand from './build-in-container-command';
import imageOutsideTrustedRegistries from './image-outside-trusted-registries';
import imageNotPinnedByDigest from './image-not-pinned-by-digest';

export const buildReleaseRunRules: KubernetesRule[] = [mutableImageTag, alwaysPullMutableTag, perEnvironmentImage, buildInContainerCommand, imageOutsideTrustedRegistries, imageNotPinnedByDigest];
