/** Every Kubernetes rule, gathered from the per-factor folders. */
import type { KubernetesRule } from '../../rule';
import { codebaseRules } from './codebase';
import { dependenciesRules } from './dependencies';
import { configRules } from './config';
import { backingServicesRules } from './backing-services';
import { buildReleaseRunRules } from './build-release-run';
import { processesRules } from './processes';
import { portBindingRules } from './port-binding';
import { concurrencyRules } from './concurrency';
import { disposabilityRules } from './disposability';
import { devProdParityRules } from './dev-prod-parity';
import { logsRules } from './logs';
import { adminProcessesRules } from './admin-processes';

export const kubernetesRules: KubernetesRule[] = [
  ...codebaseRules,
  ...dependenciesRules,
  ...configRules,
  ...backingServicesRules,
  ...buildReleaseRunRules,
  ...processesRules,
  ...portBindingRules,
  ...concurrencyRules,
  ...disposabilityRules,
  ...devProdParityRules,
  ...logsRules,
  ...adminProcessesRules,
];
