import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { parseImageReference, tagRelease } from '../../../kubernetes/images';
import { relationIndex } from '../../../kubernetes/relation-index';
import { locationOf } from '../../../kubernetes/selectors';

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/job-image-differs',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A Job or CronJob runs the application\'s image repository at a different tag or digest than the application.',
    rationale: [
      'Admin processes run against the same release as the app: same code, same config. A migration Job pinned to',
      '`app:1.3.0` while the Deployment runs `app:1.4.2` migrates with yesterday\'s code, and a report CronJob reads',
      'the data with a model the app no longer has. It usually happens when the release bump touched one manifest and',
      'not the other.',
      '',
      'Reference the same tag or digest in both (a Kustomize `images:` entry or one Helm value sets every occurrence).',
      'Only images whose repository is the main (first) container of a long-running workload in the workspace are',
      'compared, so shared tool images such as busybox stay out of it.',
      '',
      'Not reported: objects other than Jobs and CronJobs, templated images, images whose repository is not run by any',
      "long-running workload's main container in the workspace, and Job images at the same tag or digest as at least",
      'one such workload, or at the same release built on another base (`postgres:9.6` and `postgres:9.6-alpine`).',
    ].join('\n'),
    messages: {
      differs: '{{kind}} runs `{{image}}`, but {{appKind}} `{{app}}` runs `{{appImage}}`; run admin tasks on the same release as the app.',
    },
  },
  check({ model, workspace, report }) {
    for (const job of model.objects) {
      if ((job.kind !== 'Job' && job.kind !== 'CronJob') || !job.podSpec) continue;
      for (const container of job.podSpec.allContainers) {
        if (!container.image || !container.imageRange || isTemplated(container.image)) continue;
        const mine = parseImageReference(container.image);
        // The app is the workload's main (first) container; sidecars and init containers are often shared tool images.
        const apps = relationIndex(workspace).appsRunning(mine.repository, job);
        if (apps.length === 0) continue;
        const same = apps.some(({ image }) => {
          const theirs = parseImageReference(image);
          // The same release built on another base (`postgres:9.6` and `postgres:9.6-alpine`) runs the same code.
          return theirs.digest && mine.digest ? theirs.digest === mine.digest : tagRelease(theirs.tag ?? 'latest') === tagRelease(mine.tag ?? 'latest') && !theirs.digest === !mine.digest;
        });
        if (same) continue;
        const app = apps[0];
        report({ messageId: 'differs', data: { kind: job.kind, image: container.image, appKind: app.object.kind, app: app.object.name ?? '?', appImage: app.image }, range: container.imageRange, related: [locationOf(app.object, 'the application it administers')] });
      }
    }
  },
});
