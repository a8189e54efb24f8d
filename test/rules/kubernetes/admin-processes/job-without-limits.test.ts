import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/job-without-limits';
import { testRule } from '../../../helpers/rule-tester';

const job = (spec: string, annotations = '') =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n${annotations}spec:\n${spec}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: m\n          image: app:1\n`;
const cron = (spec: string) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 * * * *"\n${spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: r\n              image: app:1\n`;

testRule(rule, {
  valid: [
    { name: 'a Job with a deadline', code: job('  activeDeadlineSeconds: 600\n') },
    { name: 'a Job with a time to live, and a Helm hook Job', code: job('  ttlSecondsAfterFinished: 3600\n') + '---\n' + job('', '  annotations:\n    helm.sh/hook-delete-policy: hook-succeeded\n') },
    { name: 'a Kustomize patch of a Job', code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n          resources: {limits: {cpu: 1}}\n' },
    { name: 'a CronJob that forbids overlapping runs', code: cron('  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 300\n') },
    // NikBayov/satis-helm: a build CronJob only ever started by hand.
    { name: 'a CronJob scheduled for 31 February', code: cron('').replace('"0 * * * *"', '"0 0 31 2 *"') },
    { name: 'a suspended CronJob', code: cron('  suspend: true\n') },
  ],
  invalid: [
    { name: 'a Job without limits', code: job(''), errors: [{ line: 2, column: 7, endColumn: 10, messageId: 'job', message: '`migrate`' }] },
    { name: 'a CronJob with the default policy', code: cron(''), errors: [{ line: 2, column: 7, endColumn: 14, messageId: 'cronjob', message: 'unset, so `Allow`' }] },
    { name: 'a CronJob that allows overlap explicitly, with a starting deadline', code: cron('  concurrencyPolicy: Allow\n  startingDeadlineSeconds: 60\n'), errors: [{ line: 7, column: 22, endColumn: 27, message: 'set `Forbid` or `Replace`.' }] },
    { name: 'the 31st with a month that has one', code: cron('').replace('"0 * * * *"', '"0 0 31 jan,apr *"'), errors: [{ line: 2, column: 7, messageId: 'cronjob' }] },
    { name: 'a day every month of the schedule has', code: cron('').replace('"0 * * * *"', '"0 0 30 4,6 *"'), errors: [{ line: 2, column: 7, messageId: 'cronjob' }] },
    { name: 'a day no month has, but a day of week too (cron runs on either)', code: cron('').replace('"0 * * * *"', '"0 0 31 2 1"'), errors: [{ line: 2, column: 7, messageId: 'cronjob' }] },
  ],
});
