/** Dockerfile rules of the admin-processes factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import migrationInStartCommand from './migration-in-start-command';
import sshdInImage from './sshd-in-image';
import cronInImage from './cron-in-image';
import sshPortExposed from './ssh-port-exposed';

export const adminProcessesRules: DockerfileRule[] = [migrationInStartCommand, sshdInImage, cronInImage, sshPortExposed];
