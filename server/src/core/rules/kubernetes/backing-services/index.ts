/** Kubernetes rules of the backing-services factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import hardCodedLocatorInEnv from './hard-coded-locator-in-env';
import databaseSidecar from './database-sidecar';
import datastoreWithoutPersistentStorage from './datastore-without-persistent-storage';
import datastoreStartedInAppContainer from './datastore-started-in-app-container';

export const backingServicesRules: KubernetesRule[] = [hardCodedLocatorInEnv, databaseSidecar, datastoreWithoutPersistentStorage, datastoreStartedInAppContainer];
