import { defineKubernetesRule } from '../../../rule';
import { findInCommand, isLongRunning } from '../../../kubernetes/pod-parts';
import { isBuildWork, isOneOffJob } from '../../../kubernetes/jobs';
import { containerCommand } from '../../../kubernetes/commands';
import { commandPackages, declaresVersion } from '../../../dockerfile/packages';
import type { Container, KubernetesModel } from '../../../kubernetes/model';
import type { Document } from 'yaml';

/**
 * True when a container's command installs a package by name with no version (`pip install -U huggingface_hub`);
 * paths, archives and URLs are fixed artefacts, names built from variables are unknown.
 */
function installsUnpinned(model: KubernetesModel, container: Container, doc: Document): boolean {
  return (containerCommand(model.source, container, doc)?.commands ?? []).some((command) =>
    commandPackages(command).some((pkg) => !declaresVersion(pkg) && !/^[./~]|:\/\/|\.(whl|tar\.gz|tgz|zip|gem|deb|rpm|apk)$/.test(pkg.word.value)),
  );
}

/** Package-manager invocations that fetch and install dependencies. */
// At most 12 options between the tool and its verb: each tool name looks ahead a bounded number of words.
const INSTALL = new RegExp(
  [
    String.raw`\b(?:apt-get|apt|aptitude)\s+(?:-\S+\s+){0,12}install\b`,
    String.raw`\bapk\s+(?:-\S+\s+){0,12}add\b`,
    String.raw`\b(?:yum|dnf|microdnf|zypper|tdnf)\s+(?:-\S+\s+){0,12}install\b`,
    String.raw`\b(?:pip[23]?(?:\.\d+)?|python[23]?(?:\.\d+)?\s+-m\s+pip|uv\s+pip)\s+install\b`,
    String.raw`\b(?:npm|pnpm)\s+(?:install|i|ci|add)\b`,
    String.raw`\byarn\s+(?:install|add)\b`,
    String.raw`\b(?:gem|bundle|poetry|pipenv|conda|composer)\s+install\b`,
    String.raw`\bcomposer\s+require\b`,
    String.raw`\bgo\s+(?:get|install|mod\s+download)\b`,
  ].join('|'),
);

export default defineKubernetesRule({
  meta: {
    id: 'dependencies/package-install-at-start',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A container installs packages (`apt-get install`, `pip install`, `npm install`…) in its command when it starts, or each time a Job runs.',
    rationale: [
      'Dependencies are declared and isolated at build time, so the artefact that was tested is the artefact that runs.',
      'Installing packages when the container starts resolves versions at that moment, needs a package registry on the',
      'production network, slows every start and can fail a restart when a mirror is down.',
      'Each replica may end up with different versions of the same dependency.',
      '',
      'A Job or CronJob that installs a tool and then runs it (`pip install huggingface_hub && huggingface-cli',
      'download …`) has the same problem on every run: the admin process depends on whatever the registry serves that',
      'day, not on a release.',
      '',
      'Install dependencies in the Dockerfile (with a lockfile) and start the process directly from the image; for a',
      'Job, build a small image for the task (or run it from the app\'s image) instead of installing at run time.',
      '',
      'Not reported: one-off Jobs (and Pods that run to completion) whose installs all name a version (`pip install',
      'huggingface_hub==0.24.6`) or install from a manifest (`pip install -r requirements.txt`, `npm ci`), since such a',
      'run is reproducible (CronJobs and',
      'ScaledJobs run again and again, so every install there is reported); init containers (they run to completion',
      'before the app); Jobs, CronJobs, KEDA ScaledJobs and bare Pods that',
      'build an image or run a CI runner (kaniko, buildah, BuildKit, Docker-in-Docker, `docker build` in the pod): their',
      'installs are build steps; objects with no pod template; command lines with a template expression; and',
      'package-manager commands that do not install (`apt-get update`, `pip freeze`).',
    ].join('\n'),
    messages: {
      install: 'Container `{{name}}` runs `{{command}}` at start: dependencies are resolved at run time instead of being built into the image.',
      job: '{{kind}} `{{object}}` runs `{{command}}` in container `{{name}}`: each run resolves its dependencies from a registry instead of running a built image.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      const job = isOneOffJob(object);
      if (!job && !isLongRunning(object)) continue;
      // A Job or a Pod that builds an image installs as a build step, not as the app's run time.
      if (isBuildWork(model, object)) continue;
      // Init containers run to completion before the app: not the long-running process this rule judges.
      for (const container of pod.containers) {
        // A Job (or a Pod that runs to completion) runs once: installing a stated version (or from a lock file) before its task is a declared
        // dependency, if a slow one. Only names without a version, resolved anew on each run, are reported;
        // a CronJob or ScaledJob runs again and again, so any install is.
        if (job && object.kind !== 'CronJob' && object.kind !== 'ScaledJob' && !installsUnpinned(model, container, object.doc)) continue;
        for (const match of findInCommand(model, container, object.doc, INSTALL)) {
          report({ messageId: job ? 'job' : 'install', data: { name: container.name ?? '?', command: match.text, kind: object.kind, object: object.name ?? '?' }, range: match.range });
        }
      }
    }
  },
});
