/** Dockerfile rules of the logs factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import logFilePath from './log-file-path';
import logVolume from './log-volume';
import logShipperInImage from './log-shipper-in-image';
import pythonUnbuffered from './python-unbuffered';

export const logsRules: DockerfileRule[] = [logFilePath, logVolume, logShipperInImage, pythonUnbuffered];
