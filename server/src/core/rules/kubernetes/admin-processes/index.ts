/** Kubernetes rules of the admin-processes factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import migrationInAppCommand from './migration-in-app-command';
import migrationInInitContainer from './migration-in-init-container';
import jobImageDiffers from './job-image-differs';
import sshdInPod from './sshd-in-pod';
import cronDaemonInPod from './cron-daemon-in-pod';
import sshPort from './ssh-port';
import jobWithoutLimits from './job-without-limits';

export const adminProcessesRules: KubernetesRule[] = [migrationInAppCommand, migrationInInitContainer, jobImageDiffers, sshdInPod, cronDaemonInPod, sshPort, jobWithoutLimits];
