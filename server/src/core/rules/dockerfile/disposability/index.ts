/** Dockerfile rules of the disposability factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import shellFormCommand from './shell-form-command';
import shellWithoutExec from './shell-without-exec';
import startupSleep from './startup-sleep';
import missingStopsignal from './missing-stopsignal';
import packageManagerStart from './package-manager-start';
import entrypointScriptWithoutExec from './entrypoint-script-without-exec';
import exitOnErrorDisabledInImage from './exit-on-error-disabled-in-image';
import unsplitExecForm from './unsplit-exec-form';

export const disposabilityRules: DockerfileRule[] = [shellFormCommand, shellWithoutExec, startupSleep, missingStopsignal, packageManagerStart, entrypointScriptWithoutExec, exitOnErrorDisabledInImage, unsplitExecForm];
