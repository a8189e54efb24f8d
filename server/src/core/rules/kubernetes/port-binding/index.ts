/** Kubernetes rules of the port-binding factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import serviceTargetPortUnmatched from './service-target-port-unmatched';
import probePortNameUnknown from './probe-port-name-unknown';
import probePortUndeclared from './probe-port-undeclared';
import portEnvMismatch from './port-env-mismatch';
import hostPort from './host-port';
import hostNetwork from './host-network';
import serviceSelectsNothing from './service-selects-nothing';
import ingressBackendMissing from './ingress-backend-missing';

export const portBindingRules: KubernetesRule[] = [serviceTargetPortUnmatched, probePortNameUnknown, probePortUndeclared, portEnvMismatch, hostPort, hostNetwork, serviceSelectsNothing, ingressBackendMissing];
