/** Kubernetes rules of the dependencies factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import packageInstallAtStart from './package-install-at-start';
import remoteScriptAtStart from './remote-script-at-start';
import hostSoftwareMount from './host-software-mount';

export const dependenciesRules: KubernetesRule[] = [packageInstallAtStart, remoteScriptAtStart, hostSoftwareMount];
