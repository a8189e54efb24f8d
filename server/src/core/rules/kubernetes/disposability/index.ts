/** Kubernetes rules of the disposability factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import missingReadinessProbe from './missing-readiness-probe';
import longInitialDelayWithoutStartupProbe from './long-initial-delay-without-startup-probe';
import prestopSleepExceedsGrace from './prestop-sleep-exceeds-grace';
import identicalLivenessReadiness from './identical-liveness-readiness';
import shellWrappedCommand from './shell-wrapped-command';
import sleepInCommand from './sleep-in-command';
import disruptionBudgetBlocksEviction from './disruption-budget-blocks-eviction';
import terminationGraceTooShort from './termination-grace-too-short';
import recreateStrategy from './recreate-strategy';
import exitOnErrorDisabled from './exit-on-error-disabled';
import keepAliveAfterServer from './keep-alive-after-server';
import missingDisruptionBudget from './missing-disruption-budget';
import missingLivenessProbe from './missing-liveness-probe';
import unsplitContainerCommand from './unsplit-container-command';

export const disposabilityRules: KubernetesRule[] = [missingReadinessProbe, longInitialDelayWithoutStartupProbe, prestopSleepExceedsGrace, identicalLivenessReadiness, shellWrappedCommand, sleepInCommand, disruptionBudgetBlocksEviction, terminationGraceTooShort, recreateStrategy, missingDisruptionBudget, missingLivenessProbe, exitOnErrorDisabled, keepAliveAfterServer, unsplitContainerCommand];
