import { defineKubernetesRule } from '../../../rule';
import { findInCommand, isLongRunning } from '../../../kubernetes/pod-parts';

/** Build steps, recognised where a command starts (not where a word merely appears in an argument). */
const BUILD = new RegExp(
  String.raw`(?=\S)(?<=(?:^|[;&|(\n]|\bexec|\bnpx|\s-c)\s*)(?:` + // (?=\S) first: the lookbehind then runs once per blank run
    [
      String.raw`(?:npm|pnpm)\s+run\s+build(?::[\w:-]+)?\b`,
      String.raw`(?:yarn|pnpm)\s+build\b`,
      String.raw`go\s+build\b`,
      String.raw`(?:\.\/)?(?:mvn|mvnw)\b[^;&|\n]*?\b(?:package|install|compile|verify)\b`,
      String.raw`(?:\.\/)?(?:gradle|gradlew)\b[^;&|\n]*?\b(?:build|assemble|bootJar|shadowJar|jar|installDist)\b`,
      String.raw`cargo\s+build\b`,
      String.raw`dotnet\s+(?:build|publish)\b`,
      String.raw`(?:ng|next|vite|nuxt|react-scripts)\s+build\b`,
      String.raw`tsc\b(?![^;&|\n]*--watch)`,
      String.raw`javac\b`,
      String.raw`python[23]?(?:\.\d+)?\s+setup\.py\s+(?:build|install|bdist\w*)\b`,
      String.raw`(?:bundle\s+exec\s+)?(?:rake|rails)\s+assets:precompile\b`,
      String.raw`mix\s+(?:compile|release)\b`,
    ].join('|') +
    ')',
);

export default defineKubernetesRule({
  meta: {
    id: 'build-release-run/build-in-container-command',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A container (or init container) of a long-running workload compiles or bundles the app in its command (`npm run build`, `go build`, `mvn package`).',
    rationale: [
      'Build, release and run are separate stages: the build turns code into an artefact once, and the run stage only',
      'executes a release. Compiling when the pod starts repeats the build on every start and on every replica, slows',
      'scaling and recovery, needs the toolchain in the production image, and can produce a different artefact each time.',
      '',
      'Build in CI or a multi-stage Dockerfile and start the finished artefact (`node dist/server.js`, `./app`,',
      '`java -jar app.jar`).',
      '',
      'Not reported: Jobs, CronJobs and other objects that are not long-running workloads (a building Job is usually CI',
      'in the cluster), command lines with a template expression, `tsc --watch`, and build words that only appear',
      'inside an argument rather than where a command starts.',
    ].join('\n'),
    messages: {
      build: 'Container `{{name}}` runs the build step `{{command}}` at start; build the artefact into the image and only run it here.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      // A Job that builds is usually CI running in the cluster; the smell is the app's own pods.
      if (!pod || !isLongRunning(object)) continue;
      for (const container of pod.allContainers) {
        for (const match of findInCommand(model, container, object.doc, BUILD)) {
          report({ messageId: 'build', data: { name: container.name ?? '?', command: match.text.trim() }, range: match.range });
        }
      }
    }
  },
});
