import { defineKubernetesRule } from '../../../rule';
import { findInCommand, isLongRunning } from '../../../kubernetes/pod-parts';

// An option's value after a space never starts with `-` (so `-- --` has one reading), and at most 12 options
// are skipped, so each `git` looks ahead a bounded number of words.
const GIT_FETCH = /\bgit\s+(?:-[A-Za-z-]+(?:=\S+| [^\s-]\S*)?\s+){0,12}?(clone|pull|fetch|checkout)\b/;

export default defineKubernetesRule({
  meta: {
    id: 'codebase/git-clone-at-start',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'A container of a long-running workload runs `git clone`/`git pull` in its command, so the code that runs is fetched at start.',
    rationale: [
      'The codebase reaches production as a build: one image, built once from one commit, promoted unchanged.',
      'A container (or an init container) that clones or pulls a repository when the pod starts runs whatever the',
      'branch holds at that moment, so replicas drift apart, restarts change behaviour and a rollback restores nothing.',
      'It also needs Git credentials and network access to the code host at run time.',
      '',
      'Clone in CI, build the image there, and deploy the image by tag or digest.',
      '',
      'Not reported: Jobs, CronJobs and other objects that are not long-running workloads (cloning there is usually CI',
      'work), command lines with a template expression, git verbs other than clone, pull, fetch and checkout, and',
      'git-sync containers (see `codebase/git-sync-sidecar`).',
    ].join('\n'),
    messages: {
      container: 'Container `{{name}}` runs `{{command}}` when it starts: the code comes from the repository at run time, not from the released image.',
      init: 'Init container `{{name}}` runs `{{command}}`: the pod fetches its code at start instead of running the released image.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      // Jobs that clone are usually CI work (building an image); the smell is the app's own pods.
      if (!pod || !isLongRunning(object)) continue;
      for (const container of [...pod.initContainers, ...pod.containers]) {
        for (const match of findInCommand(model, container, object.doc, GIT_FETCH)) {
          report({ messageId: container.isInit ? 'init' : 'container', data: { name: container.name ?? '?', command: match.text }, range: match.range });
        }
      }
    }
  },
});
