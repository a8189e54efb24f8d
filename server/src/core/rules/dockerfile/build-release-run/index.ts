/** Dockerfile rules of the build-release-run factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import buildAtStart from './build-at-start';
import toolchainInFinalStage from './toolchain-in-final-stage';
import sdkImageAsRuntime from './sdk-image-as-runtime';
import environmentSpecificImage from './environment-specific-image';
import pipeWithoutPipefail from './pipe-without-pipefail';
import copyWholeStage from './copy-whole-stage';
import devDependenciesInImage from './dev-dependencies-in-image';
import imageWithoutRevisionLabel from './image-without-revision-label';
import baseImageOutsideTrustedRegistries from './base-image-outside-trusted-registries';
import baseImageNotPinnedByDigest from './base-image-not-pinned-by-digest';

export const buildReleaseRunRules: DockerfileRule[] = [buildAtStart, toolchainInFinalStage, sdkImageAsRuntime, environmentSpecificImage, pipeWithoutPipefail, copyWholeStage, devDependenciesInImage, baseImageOutsideTrustedRegistries, baseImageNotPinnedByDigest, imageWithoutRevisionLabel];
