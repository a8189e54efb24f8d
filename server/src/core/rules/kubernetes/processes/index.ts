/** Kubernetes rules of the processes factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import hostPathVolume from './host-path-volume';
import stickySessions from './sticky-sessions';
import rwoClaimSharedByReplicas from './rwo-claim-shared-by-replicas';
import emptydirForData from './emptydir-for-data';

export const processesRules: KubernetesRule[] = [hostPathVolume, stickySessions, rwoClaimSharedByReplicas, emptydirForData];
