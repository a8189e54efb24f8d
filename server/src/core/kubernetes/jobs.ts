/**
 * One-off processes (Jobs, CronJobs, KEDA ScaledJobs, Pods that run to completion) and whether a one-off process is a build:
 * a Job that builds an image (kaniko, buildah, BuildKit, Docker-in-Docker) or runs a CI runner is
 * CI work that happens to run on the cluster, not the application fetching its code when it runs.
 *
 * Pure: no I/O.
 */
import type { KubeObject, KubernetesModel } from './model';
import { parseImageReference } from './images';
import { findInCommand } from './pod-parts';
import { nodeAt, scalarString } from './yaml-nodes';

/** Kinds whose pods run to completion, once or on a schedule. */
const ONE_OFF_KINDS = new Set(['Job', 'CronJob', 'ScaledJob']);

/**
 * A Job, a CronJob or a KEDA ScaledJob with a pod template, or a bare Pod that runs to completion (`restartPolicy:
 * Never` or `OnFailure`: a build pod, a one-off task written as a Pod).
 */
export function isOneOffJob(object: KubeObject): boolean {
  if (!object.podSpec) return false;
  if (ONE_OFF_KINDS.has(object.kind)) return true;
  if (object.kind !== 'Pod') return false;
  const policy = scalarString(nodeAt(object.node, ['spec', 'restartPolicy'], object.doc), object.doc);
  return policy === 'Never' || policy === 'OnFailure';
}

/** Image repositories of image builders and CI runners (matched on the repository, tag and digest removed). */
const BUILD_IMAGE =
  /kaniko|buildah|buildkit|(?:^|\/)(?:docker|dind|podman|img|ko)$|cloud-builders\/|gitlab-runner|actions-runner|runner-images|inbound-agent|jnlp|jenkins|tekton|skaffold|drone-runner|woodpecker/i;

/** Commands that build or push an image. */
const BUILD_COMMAND = /\/kaniko\/executor\b|\b(?:docker|podman|nerdctl)\s+(?:buildx\s+)?(?:build|push)\b|\bbuildah\s+(?:bud|build|push)\b|\bbuildctl(?:-daemonless\.sh)?\s+build\b|\bgcloud\s+builds\s+submit\b|\bko\s+(?:build|publish|apply|resolve)\b/;

/** True when any container of the Job (init containers included) builds an image or is a CI runner. */
export function isBuildJob(model: KubernetesModel, object: KubeObject): boolean {
  const pod = object.podSpec;
  if (!pod) return false;
  for (const container of pod.allContainers) {
    if (container.image && BUILD_IMAGE.test(parseImageReference(container.image).repository)) return true;
    if (findInCommand(model, container, object.doc, BUILD_COMMAND).length > 0) return true;
  }
  return false;
}

/**
 * True when the object is CI work on the cluster: a one-off process (isOneOffJob) or a bare Pod whose containers build
 * an image or run a CI runner (isBuildJob). A kaniko Pod is a build whatever its restart policy says.
 */
export function isBuildWork(model: KubernetesModel, object: KubeObject): boolean {
  return (isOneOffJob(object) || object.kind === 'Pod') && isBuildJob(model, object);
}

/** The last day of each month, February's in a leap year. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * A CronJob that the schedule never starts: `suspend: true`, or a schedule for a day no month of it has (`0 0 31 2 *`,
 * 31 February: charts write it for a CronJob that is only ever run by hand, `kubectl create job --from=cronjob/…`).
 * Only a day of month written as one number with any day of week (`*`, `?`): cron runs a job on either day when both
 * are restricted.
 */
export function neverScheduled(object: KubeObject): boolean {
  if (object.kind !== 'CronJob') return false;
  if (scalarString(nodeAt(object.node, ['spec', 'suspend'], object.doc), object.doc) === 'true') return true;
  const fields = (scalarString(nodeAt(object.node, ['spec', 'schedule'], object.doc), object.doc) ?? '').trim().split(/\s+/);
  if (fields.length !== 5 || !/^\d{1,2}$/.test(fields[2]) || (fields[4] !== '*' && fields[4] !== '?')) return false;
  const day = Number(fields[2]);
  const months = fields[3].split(',').map((m) => (/^\d{1,2}$/.test(m) ? Number(m) : MONTH_NAMES.indexOf(m.toUpperCase()) + 1));
  return months.every((m) => m >= 1 && m <= 12 && day > MONTH_DAYS[m - 1]);
}
