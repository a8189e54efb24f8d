/** Kubernetes rules of the concurrency factor. Add each new rule module here. */
import type { KubernetesRule } from '../../../rule';
import missingResourceRequests from './missing-resource-requests';
import replicasWithHpa from './replicas-with-hpa';
import hpaTargetMissing from './hpa-target-missing';
import hpaWithoutRequests from './hpa-without-requests';
import processManagerInCommand from './process-manager-in-command';
import backgroundProcessInCommand from './background-process-in-command';
import selectorMismatch from './selector-mismatch';
import singleReplica from './single-replica';
import autoscalerRange from './autoscaler-range';
import knativeScaleBoundsInverted from './knative-scale-bounds-inverted';
import knativeSingleInstance from './knative-single-instance';
import knativeTargetAboveHardLimit from './knative-target-above-hard-limit';

export const concurrencyRules: KubernetesRule[] = [missingResourceRequests, replicasWithHpa, hpaTargetMissing, hpaWithoutRequests, processManagerInCommand, backgroundProcessInCommand, selectorMismatch, singleReplica, autoscalerRange, knativeScaleBoundsInverted, knativeSingleInstance, knativeTargetAboveHardLimit];
