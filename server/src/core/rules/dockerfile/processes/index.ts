/** Dockerfile rules of the processes factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import statefulVolume from './stateful-volume';
import sqliteDatabaseFile from './sqlite-database-file';
import fileSessionStore from './file-session-store';

export const processesRules: DockerfileRule[] = [statefulVolume, sqliteDatabaseFile, fileSessionStore];
