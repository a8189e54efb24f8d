import { defineDockerfileRule } from '../../../rule';
import { effectiveWords, type ShellWord } from '../../../dockerfile/shell';
import { commandsOf, holdsNoProject, imageStages, programOf, spanOf, startCommands, verbIndex } from '../../../dockerfile/instructions';
import type { DockerfileModel } from '../../../dockerfile/model';
import { readEntrypointScript } from '../../../build-context';
import { isDevelopmentImage } from '../../../dockerfile/start-command';
import type { RelatedLocation } from '../../../types';

/** Composer's verbs that install or write the autoloader, aliases included (`composer i -o`, `composer u`). */
const COMPOSER_BUILD_VERBS = new Set(['i', 'update', 'u', 'upgrade', 'dump-autoload', 'dumpautoload']);

/** A package script that builds: `build`, `build:prod`, `build-and-start` (dashy: builds the app, then serves it). */
const BUILD_SCRIPT = /^build([-_:]|$)/;

/** The build step a start command performs, as [first word, last word], or undefined. */
function buildStep(words: ShellWord[]): [ShellWord, ShellWord] | undefined {
  const program = programOf(words);
  const vi = verbIndex(words);
  const verb = vi >= 0 ? words[vi] : undefined;
  const v = verb?.value;
  switch (program) {
    case 'npm':
    case 'pnpm':
      if (v === 'install' || v === 'i' || v === 'ci') return [words[0], verb!];
      if (v === 'run' || v === 'run-script') {
        const script = words[vi + 1];
        if (script && BUILD_SCRIPT.test(script.value)) return [words[0], script];
      }
      if (program === 'pnpm' && v === 'build') return [words[0], verb!];
      return undefined;
    case 'yarn':
      if (v === undefined) return [words[0], words[0]];
      if (v === 'install' || BUILD_SCRIPT.test(v)) return [words[0], verb!];
      if (v === 'run' && words[vi + 1] && BUILD_SCRIPT.test(words[vi + 1].value)) return [words[0], words[vi + 1]];
      return undefined;
    case 'pip':
    case 'pip3':
      return v === 'install' ? [words[0], verb!] : undefined;
    case 'python':
    case 'python3':
      return words[1]?.value === '-m' && /^pip3?$/.test(words[2]?.value ?? '') && words[3]?.value === 'install' ? [words[0], words[3]] : undefined;
    case 'poetry':
    case 'pipenv':
    case 'bundle':
    case 'composer':
      // Composer's autoloader is written at build time too: `composer dump-autoload --optimize` at each start rebuilds it.
      return v === 'install' || (program === 'pipenv' && v === 'sync') || (program === 'composer' && COMPOSER_BUILD_VERBS.has(v ?? '')) ? [words[0], verb!] : undefined;
    case 'go':
      return v === 'build' || v === 'run' || v === 'install' ? [words[0], verb!] : undefined;
    case 'cargo':
      return v === 'build' || v === 'run' ? [words[0], verb!] : undefined;
    case 'mvn':
    case 'mvnw':
      return words.slice(1).find((w) => /^(package|install|compile|verify|spring-boot:run|quarkus:dev)$/.test(w.value)) ? [words[0], words.slice(1).find((w) => /^(package|install|compile|verify|spring-boot:run|quarkus:dev)$/.test(w.value))!] : undefined;
    case 'gradle':
    case 'gradlew': {
      const task = words.slice(1).find((w) => /^(build|assemble|bootRun|run|installDist|shadowJar|bootJar)$/.test(w.value));
      return task ? [words[0], task] : undefined;
    }
    case 'dotnet':
      return v === 'build' || v === 'publish' || v === 'run' || v === 'restore' ? [words[0], verb!] : undefined;
    case 'tsc':
    case 'webpack':
      return [words[0], words[0]];
    case 'nest':
      // The Nest CLI compiles the project before it runs it (`nest start`); with --watch it is a development server,
      // dev-prod-parity/dev-server's to report.
      return v === 'start' && !words.some((w) => w.value === '--watch' || w.value === '-w') ? [words[0], verb!] : undefined;
    case 'mix':
      return v === 'compile' || v === 'release' || v === 'deps.get' || v === 'deps.compile' ? [words[0], verb!] : undefined;
    default:
      return undefined;
  }
}

/**
 * `mix run` or `mix phx.server` of a project that no RUN of the image compiles (`mix compile`, `mix release`, `mix do
 * …, compile`): Mix compiles it first, at every start. As [first word, last word], or undefined.
 */
function mixCompilesAtStart(model: DockerfileModel, words: ShellWord[]): [ShellWord, ShellWord] | undefined {
  const vi = verbIndex(words);
  const verb = vi >= 0 ? words[vi] : undefined;
  if (programOf(words) !== 'mix' || (verb?.value !== 'run' && verb?.value !== 'phx.server') || words.some((w) => w.value === '--no-compile')) return undefined;
  const stage = model.finalStage;
  if (!stage) return undefined;
  for (const run of model.inheritedInstructions(stage, 'RUN')) {
    for (const command of commandsOf(model.commandLine(run))) {
      const built = effectiveWords(command);
      if (programOf(built) === 'mix' && built.some((w) => /^(compile|release|escript\.build)(,|$)/.test(w.value))) return undefined;
    }
  }
  return [words[0], verb];
}

/** Options of `uv sync` that leave the development group out of the environment it builds. */
const UV_WITHOUT_DEV = new Set(['--no-dev', '--no-default-groups', '--only-group']);
/** Options of `uv run` that keep it from syncing the environment, or from adding the development group. */
const UV_RUN_KEEPS = new Set(['--no-sync', '--no-dev', '--no-default-groups', '--only-group']);

/**
 * `uv run x` in an image whose `uv sync` left the development group out (`--no-dev`): uv syncs the project's default
 * groups before it runs, so every start downloads and installs the development dependencies (unless `--no-sync`,
 * `--no-dev`, or `UV_NO_SYNC`/`UV_NO_DEV` in the image's environment). As [first word, last word], or undefined.
 */
function uvSyncsAtStart(model: DockerfileModel, words: ShellWord[]): [ShellWord, ShellWord] | undefined {
  const vi = verbIndex(words);
  if (programOf(words) !== 'uv' || words[vi]?.value !== 'run') return undefined;
  for (let i = vi + 1; i < words.length && words[i].value.startsWith('-'); i++) if (UV_RUN_KEEPS.has(words[i].value.split('=')[0])) return undefined;
  const stage = model.finalStage;
  if (!stage) return undefined;
  const env = model.envOf(stage);
  if (['UV_NO_SYNC', 'UV_NO_DEV'].some((name) => env.has(name) && !/^(0|false|)$/i.test(env.get(name)!.value.trim()))) return undefined;
  // The sync may run in a builder stage whose virtualenv the image copies (imageStages).
  for (const from of imageStages(model)) {
    for (const run of model.inheritedInstructions(from, 'RUN')) {
      for (const command of commandsOf(model.commandLine(run))) {
        const synced = effectiveWords(command);
        const v = verbIndex(synced);
        if (programOf(synced) === 'uv' && synced[v]?.value === 'sync' && synced.some((w) => UV_WITHOUT_DEV.has(w.value.split('=')[0]))) return [words[0], words[vi]];
      }
    }
  }
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/build-at-start',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'The start command installs dependencies or compiles (`npm install`, `pip install`, `go run`, `dotnet run`, `mvn package`).',
    rationale: [
      'Build, release and run are separate stages: the build turns code into an artefact once, and the run stage only',
      'executes it. A start command that installs packages or compiles means every container start is a new, unreviewed',
      'build: start-up is slow, it fails when a registry is down, and two replicas can end up running different',
      'dependency versions.',
      '',
      'Do the work in `RUN` instructions (ideally a builder stage) and start the built artefact directly:',
      '`CMD ["node", "dist/server.js"]`, `CMD ["./app"]`, `ENTRYPOINT ["dotnet", "App.dll"]`.',
      '',
      'Mix compiles a project before `mix run` or `mix phx.server`: started so without a `mix compile` (or `mix',
      'release`) in a RUN, the image compiles its code at every start. `uv run` syncs the project\'s default groups before',
      'it runs: in an image whose `uv sync` left the development group out (`--no-dev`), it installs them at every start,',
      'unless started with `--no-sync` or `--no-dev`, or with `UV_NO_SYNC`/`UV_NO_DEV` set in the image. Composer\'s',
      '`dump-autoload` (`--optimize`) writes the autoloader, a build step of its own, and is reported like an install.',
      '',
      'Not reported: installs and builds done in `RUN` instructions, package scripts other than `build` and those named',
      '`build:…`, `build-…` or `build_…` (`build-and-start` builds, then serves), and tools not on the known list; only the',
      'start commands (`CMD`/`ENTRYPOINT`) are looked at, and the commands the entrypoint script runs on every start when',
      'the build context was read (tall-admin\'s `start-container.sh` runs `composer install`); in a development image',
      "(`Dockerfile.dev`, a `dev` stage) the script's installs are the bind-mount workflow and are not reported. Nor",
      'are the installs of an image that holds no project: one that copies only start scripts and configuration files',
      '(`init.sh`, `php.ini`), nothing built in another stage, and fetches no project in a RUN (`git clone`): what it',
      'installs at start is the project mounted into it.',
    ].join('\n'),
    messages: {
      buildAtStart: '`{{command}}` runs at every container start; do it in a RUN at build time and start the built artefact.',
      inScript: '`{{script}}` runs `{{command}}` at every container start; do it in a RUN at build time and start the built artefact.',
      compilesAtStart: '`{{command}}` compiles the project at every container start, since no RUN compiles it; run `mix compile` (or build a release) at build time.',
      uvSyncsAtStart: '`{{command}}` syncs the project before it runs: at every container start it installs the development dependencies that the image\'s `uv sync` left out; start it with `uv run --no-sync` (or `--no-dev`), or run the program from the virtualenv.',
    },
  },
  check({ model, source, report, buildContext }) {
    // An image that holds no project installs, at start, the one mounted into it: nothing to build at build time.
    if (holdsNoProject(model)) return;
    for (const { commands } of startCommands(model)) {
      for (const command of commands) {
        const words = effectiveWords(command);
        const build = buildStep(words);
        const mix = build ? undefined : mixCompilesAtStart(model, words);
        const uv = build || mix ? undefined : uvSyncsAtStart(model, words);
        const step = build ?? mix ?? uv;
        if (!step) continue;
        const text = words.slice(0, words.indexOf(step[1]) + 1).map((w) => w.value).join(' ');
        report({ messageId: build ? 'buildAtStart' : mix ? 'compilesAtStart' : 'uvSyncsAtStart', data: { command: text }, range: spanOf(step[0], step[1]) });
      }
    }
    const read = readEntrypointScript(model, buildContext);
    if (!read || isDevelopmentImage(model, source.uri)) return;
    const steps: { text: string; range: RelatedLocation['range'] }[] = [];
    for (const command of read.reading.commands) {
      const words = effectiveWords(command);
      const step = buildStep(words);
      if (step) steps.push({ text: words.slice(0, words.indexOf(step[1]) + 1).map((w) => w.value).join(' '), range: command.range });
    }
    if (steps.length === 0) return;
    const related = steps.slice(0, 5).map((s) => ({ uri: read.file.uri, range: s.range, message: `\`${s.text}\` runs here on every start.` }));
    report({ messageId: 'inScript', data: { script: read.script.contextPath, command: steps[0].text }, range: read.script.range, related });
  },
});
