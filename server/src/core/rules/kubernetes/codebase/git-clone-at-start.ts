import { defineKubernetesRule } from '../../../rule';
import { findInCommand, isLongRunning } from '../../../kubernetes/pod-parts';
import { isBuildWork, isOneOffJob } from '../../../kubernetes/jobs';

// An option's value after a space never starts with `-` (so `-- --` has one reading), and at most 12 options
// are skipped, so each `git` looks ahead a bounded number of words.
// `git checkout` is not among the verbs: it picks a version of what a clone, pull or fetch (reported) brought, or of a
// repository already in the image; it downloads nothing (goldilocks' `git clone …; git checkout {{ .Values.vpaVersion }}`).
const GIT_FETCH = /\bgit\s+(?:-[A-Za-z-]+(?:=\S+| [^\s-]\S*)?\s+){0,12}?(clone|pull|fetch)\b/;

/** Hosts of model and dataset repositories: cloning from them downloads weights or data, not the app's code. */
const MODEL_HOST = /^\S*\b(?:huggingface\.co|hf\.co)\//;

/** The rest of the git command after the match (up to the next `&&`, `;`, `|` or line end), split into words. */
function restOfCommand(text: string): string[] {
  const end = text.search(/&&|[;|\n]/);
  return (end < 0 ? text : text.slice(0, end)).split(/\s+/).filter((w) => w !== '');
}

export default defineKubernetesRule({
  meta: {
    id: 'codebase/git-clone-at-start',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'A container runs `git clone`/`git pull` in its command (a long-running workload at start, or a Job each time it runs), so the code that runs is fetched at run time.',
    rationale: [
      'The codebase reaches production as a build: one image, built once from one commit, promoted unchanged.',
      'A container (or an init container) that clones or pulls a repository when the pod starts runs whatever the',
      'branch holds at that moment, so replicas drift apart, restarts change behaviour and a rollback restores nothing.',
      'It also needs Git credentials and network access to the code host at run time.',
      '',
      'The same holds for Jobs and CronJobs: a one-off admin process runs against the code of the release it belongs',
      'to, so a Job that clones a branch and runs what it fetched runs code no release ever contained.',
      '',
      'Clone in CI, build the image there, and deploy the image by tag or digest (Jobs included: run the admin task',
      'from the release\'s own image).',
      '',
      'Not reported: Jobs, CronJobs, KEDA ScaledJobs and bare Pods that build an image or run a CI runner (an image',
      'builder such as kaniko, buildah, BuildKit or Docker-in-Docker, a runner image, or a `docker build`/`buildah bud`/`gcloud builds',
      'submit` command anywhere in the pod): cloning there is CI work, not the app fetching its code; objects with no pod',
      'template; command lines with a template expression; git verbs other than clone, pull and fetch (a `checkout` downloads nothing); clones',
      'from a model hub (`huggingface.co`: weights and data, not the app\'s code); and git-sync containers (see',
      '`codebase/git-sync-sidecar`).',
    ].join('\n'),
    messages: {
      container: 'Container `{{name}}` runs `{{command}}` when it starts: the code comes from the repository at run time, not from the released image.',
      init: 'Init container `{{name}}` runs `{{command}}`: the pod fetches its code at start instead of running the released image.',
      job: '{{kind}} `{{object}}` runs `{{command}}` in container `{{name}}`: each run fetches code from the repository instead of running the released image.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      const job = isOneOffJob(object);
      if (!job && !isLongRunning(object)) continue;
      // A Job or a Pod that builds an image clones as CI work; the smell is the app fetching its own code.
      if (isBuildWork(model, object)) continue;
      for (const container of pod.allContainers) {
        for (const match of findInCommand(model, container, object.doc, GIT_FETCH)) {
          const after = match.match.input.slice(match.match.index + match.match[0].length, match.match.index + match.match[0].length + 400);
          if (restOfCommand(after).some((word) => MODEL_HOST.test(word.replace(/^["']/, '')))) continue;
          const messageId = job ? 'job' : container.isInit ? 'init' : 'container';
          report({ messageId, data: { name: container.name ?? '?', command: match.text, kind: object.kind, object: object.name ?? '?' }, range: match.range });
        }
      }
    }
  },
});
