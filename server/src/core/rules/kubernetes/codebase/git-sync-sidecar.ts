import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { parseImageReference } from '../../../kubernetes/images';
import { isNativeSidecar } from '../../../kubernetes/pod-parts';

/** git-sync and its look-alikes: containers whose only job is pulling a Git repository into the pod. */
const GIT_SYNC = /(^|\/)(git-sync|gitsync|git-syncer|k8s-git-sync|git-puller|git-pull)$/i;

export default defineKubernetesRule({
  meta: {
    id: 'codebase/git-sync-sidecar',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'A git-sync container pulls code from a repository into the pod at run time instead of the image carrying it.',
    rationale: [
      'A deploy is one build of one codebase. When a git-sync container fetches a branch into the pod, what runs is',
      'decided by whatever that branch points at when the pod starts (or, as a sidecar, minute by minute), not by the',
      'image that was built, tested and released.',
      'Two replicas can run different commits and a rollback of the Deployment does not roll back the code.',
      '',
      'Build the code into the image in CI and deploy that image by tag or digest. Content that really is data (a',
      'documentation site, DAG files) belongs in a volume or object store published by a pipeline.',
      '',
      'Not reported: templated images, and images whose repository name is not git-sync or one of its known',
      'look-alikes; a container that runs `git clone` from some other image is not recognised.',
    ].join('\n'),
    messages: {
      sidecar: 'Container `{{name}}` runs git-sync (`{{image}}`): code is pulled into the pod while it runs instead of shipping in the released image.',
      init: 'Init container `{{name}}` runs git-sync (`{{image}}`): code is fetched into the pod at start instead of shipping in the released image.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        if (!container.image || !container.imageRange || isTemplated(container.image)) continue;
        if (!GIT_SYNC.test(parseImageReference(container.image).repository)) continue;
        const messageId = container.isInit && !isNativeSidecar(container, object.doc) ? 'init' : 'sidecar';
        report({ messageId, data: { name: container.name ?? '?', image: container.image }, range: container.imageRange });
      }
    }
  },
});
