/** Dockerfile rules of the build-release-run factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import buildAtStart from './build-at-start';
import toolchainInFinalStage from './toolchain-in-final-stage';
import sdkImageAsRuntime from './sdk-image-as-runtime';
import environmentSpecificImage from './environment-specific-image';

export const buildReleaseRunRules: DockerfileRule[] = [buildAtStart, toolchainInFinalStage, sdkImageAsRuntime, environmentSpecificImage];
