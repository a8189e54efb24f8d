/** Kubernetes rules of the codebase factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import gitSyncSidecar from './git-sync-sidecar';
import gitCloneAtStart from './git-clone-at-start';

export const codebaseRules: KubernetesRule[] = [gitSyncSidecar, gitCloneAtStart];
