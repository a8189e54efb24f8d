/** Dockerfile rules of the concurrency factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import processManager from './process-manager';
import backgroundProcess from './background-process';
import hardCodedWorkers from './hard-coded-workers';
import nginxDaemon from './nginx-daemon';
import repeatedStartInstruction from './repeated-start-instruction';

export const concurrencyRules: DockerfileRule[] = [processManager, backgroundProcess, hardCodedWorkers, nginxDaemon, repeatedStartInstruction];
