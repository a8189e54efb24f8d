import { defineKubernetesRule } from '../../../rule';
import { isBuiltInApi } from '../../../kubernetes/model';
import { asMap, nodeAt, pairOf } from '../../../kubernetes/yaml-nodes';
import { isPatchFragment } from '../../../kubernetes/selectors';
import { neverScheduled } from '../../../kubernetes/jobs';

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/job-without-limits',
    factor: 'admin-processes',
    defaultSeverity: 'info',
    description: 'A standalone Job sets neither `activeDeadlineSeconds` nor `ttlSecondsAfterFinished`, or a CronJob leaves `concurrencyPolicy` at `Allow`.',
    rationale: [
      'An admin process is a one-off: it runs, ends, and leaves nothing behind. A Job without `activeDeadlineSeconds`',
      'can hang for ever (a migration waiting on a lock), and without `ttlSecondsAfterFinished` its finished pods and',
      'logs pile up until someone deletes them. A CronJob that keeps the default `concurrencyPolicy: Allow` starts the',
      'next run while the previous one still works, so two copies of the same task race each other.',
      '',
      'Give a Job a deadline or a time-to-live (either one is accepted), and a CronJob `concurrencyPolicy: Forbid` (or',
      '`Replace`), with `startingDeadlineSeconds` so missed runs do not stack up after an outage. Helm hook Jobs with a',
      'delete policy and Kustomize patch fragments (containers without an image) are not reported, nor are CronJobs the',
      'schedule never starts (`suspend: true`, or a day no month of the schedule has, such as `0 0 31 2 *`): their runs are',
      'started by hand, which neither setting governs. Corresponds to kube-linter job-ttl-seconds-after-finished and cronjob-has-deadline',
      '(kube-score) in intent.',
    ].join('\n'),
    messages: {
      job: 'Job `{{name}}` has neither `activeDeadlineSeconds` nor `ttlSecondsAfterFinished`: it may run for ever, and its pods stay after it ends.',
      cronjob: 'CronJob `{{name}}` allows concurrent runs (`concurrencyPolicy` {{policy}}); set `Forbid` or `Replace`{{deadline}}.',
    },
    anchors: [{ tool: 'kube-linter', id: 'job-ttl-seconds-after-finished' }, { tool: 'kube-score', id: 'cronjob-has-deadline' }],
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!isBuiltInApi(object.apiVersion) || !object.podSpec || isPatchFragment(object)) continue;
      const spec = asMap(nodeAt(object.node, ['spec'], object.doc), object.doc);
      if (object.kind === 'Job') {
        if (object.annotations['helm.sh/hook-delete-policy'] || object.annotations['argocd.argoproj.io/hook-delete-policy']) continue;
        if (pairOf(spec, 'activeDeadlineSeconds', object.doc) || pairOf(spec, 'ttlSecondsAfterFinished', object.doc)) continue;
        report({ messageId: 'job', data: { name: object.name ?? '?' }, range: object.kindRange });
      } else if (object.kind === 'CronJob') {
        // Runs started by hand are not held back by the concurrency policy or the starting deadline.
        if (neverScheduled(object)) continue;
        const policy = pairOf(spec, 'concurrencyPolicy', object.doc);
        const value = policy ? String((policy.value as { value?: unknown } | null)?.value ?? '') : undefined;
        if (value !== undefined && value !== 'Allow') continue;
        const deadline = pairOf(spec, 'startingDeadlineSeconds', object.doc) ? '' : ', and `startingDeadlineSeconds` so missed runs do not stack up';
        report({ messageId: 'cronjob', data: { name: object.name ?? '?', policy: value === undefined ? 'unset, so `Allow`' : '`Allow`', deadline }, range: policy ? model.rangeOf(policy.value as never) ?? object.kindRange : object.kindRange });
      }
    }
  },
});
