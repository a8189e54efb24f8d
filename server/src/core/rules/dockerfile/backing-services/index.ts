/** Dockerfile rules of the backing-services factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import hardCodedLocator from './hard-coded-locator';
import serviceInstalledInImage from './service-installed-in-image';
import serviceStartedInContainer from './service-started-in-container';
import servicePortExposed from './service-port-exposed';

export const backingServicesRules: DockerfileRule[] = [hardCodedLocator, serviceInstalledInImage, serviceStartedInContainer, servicePortExposed];
