/** Kubernetes rules of the logs factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import logFileVolumeMount from './log-file-volume-mount';
import logShipperSidecar from './log-shipper-sidecar';
import logTailingSidecar from './log-tailing-sidecar';
import logFileArgument from './log-file-argument';

export const logsRules: KubernetesRule[] = [logFileVolumeMount, logShipperSidecar, logTailingSidecar, logFileArgument];
