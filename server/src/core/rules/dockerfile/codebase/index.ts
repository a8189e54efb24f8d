/** Dockerfile rules of the codebase factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import gitCloneInBuild from './git-clone-in-build';
import copyGitMetadata from './copy-git-metadata';
import codeFetchedAtStart from './code-fetched-at-start';
import unfilteredBuildContext from './unfiltered-build-context';

export const codebaseRules: DockerfileRule[] = [gitCloneInBuild, copyGitMetadata, codeFetchedAtStart, unfilteredBuildContext];
