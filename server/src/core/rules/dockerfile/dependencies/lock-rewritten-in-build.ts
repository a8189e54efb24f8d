import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../../rule';
import { effectiveWords, type ShellWord, type SimpleCommand } from '../../../dockerfile/shell';
import { baseName, commandsOf, copiesDirectory, copyPaths, flagOf, imageStages, programOf, spanOf, verbIndex } from '../../../dockerfile/instructions';
import { joinImagePath, workdirs } from '../../../dockerfile/image-paths';
import { copiedBefore } from '../../../dockerfile/lockfiles';
import type { DockerfileModel, Stage } from '../../../dockerfile/model';

/** A command that resolves dependency versions anew and writes them over the committed lock. */
interface Rewrite {
  /** The lock file it rewrites (for Go, the module file itself: go.mod holds the versions). */
  lock: string;
  /** How the image should install instead. */
  install: string;
}

/** Per program: its verbs that re-resolve and rewrite the lock. */
const REWRITES: Record<string, Record<string, Rewrite>> = {
  npm: Object.fromEntries(['update', 'up', 'upgrade'].map((v) => [v, { lock: 'package-lock.json', install: '`npm ci`' }])),
  yarn: Object.fromEntries(['upgrade', 'up'].map((v) => [v, { lock: 'yarn.lock', install: '`yarn install --frozen-lockfile` or `--immutable`' }])),
  pnpm: Object.fromEntries(['update', 'up', 'upgrade'].map((v) => [v, { lock: 'pnpm-lock.yaml', install: '`pnpm install --frozen-lockfile`' }])),
  cargo: { update: { lock: 'Cargo.lock', install: '`cargo build --locked`' } },
  composer: { update: { lock: 'composer.lock', install: '`composer install`' } },
  bundle: { update: { lock: 'Gemfile.lock', install: '`bundle install` with `BUNDLE_FROZEN=true`' } },
  poetry: { update: { lock: 'poetry.lock', install: '`poetry install`' } },
  pipenv: Object.fromEntries(['update', 'lock'].map((v) => [v, { lock: 'Pipfile.lock', install: '`pipenv install --deploy` or `pipenv sync`' }])),
  pdm: { update: { lock: 'pdm.lock', install: '`pdm sync`' } },
};

/** Options with which an update verb leaves the project's lock alone. */
const LEAVES_LOCK = new Set(['-g', '--global', '-r', '--requirements', '--bundler']);

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/lock-rewritten-in-build',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'The build re-resolves dependencies and rewrites the committed lock (`go mod tidy`, `npm update`, `cargo update`, `composer update`).',
    rationale: [
      'A lock file (and for Go, `go.mod` with `go.sum`) is what makes two builds of one commit install the same',
      'dependencies. A command that re-resolves them during the build writes over it: the image holds whatever versions',
      'the registry offered that day, not the ones the repository pins and its tests ran with. `go mod tidy` in a',
      "Dockerfile also hides an untidy `go.mod`: `go build` would have refused it (its default `-mod=readonly`), while",
      'tidy fetches the missing modules at their newest version.',
      '',
      'Run the update in the repository, commit the lock, and install from it in the image (`npm ci`, `cargo build',
      '--locked`, `composer install`, `go mod download`).',
      '',
      "Reported: `go mod tidy`, and `go get -u` of the module's own packages (`./...`), on a module copied from the build",
      'context, unless the Dockerfile made the module itself (`go mod init` before) or a later copy brings the committed',
      'go.mod back into the folder (`COPY go.mod ./`, `RUN go mod tidy`, then `COPY . .`); the update verbs of npm, Yarn, pnpm, Cargo, Composer, Bundler, Poetry,',
      'Pipenv and PDM once the lock they rewrite has been copied into the stage.',
      '',
      'Not reported: `go mod tidy -diff`, which writes nothing and fails when the module is not tidy (a check worth',
      'keeping); stages no image is made of (neither the final stage, nor copied from, nor starting a program of',
      'their own: tests, a stage built only to export a fresh lock with `--target … --output`); `go get -u` of a named',
      'package (as often a tool installed in GOPATH mode); update verbs before the lock is copied; global updates',
      '(`npm update -g npm`), `pipenv lock -r` and `bundle update --bundler`; installs (see',
      '`dependencies/lockfile-not-enforced`).',
    ].join('\n'),
    messages: {
      rewrites: '`{{command}}` re-resolves dependencies during the build and rewrites the committed {{lock}}, so the image can hold versions nobody reviewed; update in the repository, commit {{lock}} and install from it with {{install}}.',
      goGet: '`{{command}}` upgrades the module\'s dependencies to their newest versions during the build and rewrites go.mod and go.sum; upgrade in the repository, commit both files and build with `go mod download`.',
      goTidy: '`{{command}}` rewrites go.mod and go.sum during the build, fetching any missing module at its newest version instead of failing; run it in the repository, commit both files and build with `go mod download`.',
    },
  },
  check({ model, report, buildContext }) {
    const image = stagesInImage(model);
    for (const instruction of model.instructionsOf('RUN')) {
      const stage = model.stageOf(instruction);
      if (!stage || !image.has(stage)) continue;
      const commands = commandsOf(model.commandLine(instruction));
      for (let c = 0; c < commands.length; c++) {
        const words = effectiveWords(commands[c]);
        const program = programOf(words);
        if (program === 'go') {
          const at = goRewrite(words);
          if (at < 0 || moduleCreated(model, stage, instruction, commands.slice(0, c)) || !moduleKept(model, stage, instruction)) continue;
          const range = spanOf(words[0], words[at]);
          report({ messageId: words[at].value === 'tidy' ? 'goTidy' : 'goGet', data: { command: model.source.textOf(range) }, range });
          continue;
        }
        const v = verbIndex(words);
        if (v < 0) continue;
        const rewrite = Object.hasOwn(REWRITES, program) && Object.hasOwn(REWRITES[program], words[v].value) ? REWRITES[program][words[v].value] : undefined;
        // `npm update -g npm` updates a global tool; `pipenv lock -r` prints requirements; `bundle update --bundler` records Bundler's version.
        if (!rewrite || words.some((w) => LEAVES_LOCK.has(w.value))) continue;
        if (!copiedBefore(model, instruction, buildContext, commands[c]).has(rewrite.lock)) continue;
        const range = spanOf(words[0], words[v]);
        report({ messageId: 'rewrites', data: { command: model.source.textOf(range), lock: rewrite.lock, install: rewrite.install }, range });
      }
    }
  },
});

/**
 * The stages an image is made of: the final stage and the stages it copies from, plus every stage that starts a
 * program of its own (a target of a multi-image Dockerfile), each with the stages it is built FROM. A stage nothing
 * runs or copies (tests, a stage that exports a refreshed lock) is left out.
 */
function stagesInImage(model: DockerfileModel): Set<Stage> {
  const out = new Set<Stage>();
  const targets = [...imageStages(model)];
  for (const keyword of ['CMD', 'ENTRYPOINT']) {
    for (const instruction of model.instructionsOf(keyword)) {
      const stage = model.stageOf(instruction);
      if (stage) targets.push(stage);
    }
  }
  for (const stage of targets) {
    for (let s: Stage | undefined = stage; s && !out.has(s); s = s.parent) out.add(s);
  }
  return out;
}

/** Index of the last word of `go mod tidy` or `go get -u …`, or -1. */
function goRewrite(words: ShellWord[]): number {
  const v = verbIndex(words);
  if (v < 0) return -1;
  if (words[v].value === 'mod') {
    const sub = verbIndex(words, v + 1);
    // `go mod tidy -diff` (Go 1.23) writes nothing: it prints what tidy would change and fails when it would (gatus).
    if (sub >= 0 && words.slice(sub + 1).some((w) => w.value === '-diff' || w.value === '--diff')) return -1;
    return sub >= 0 && words[sub].value === 'tidy' ? sub : -1;
  }
  if (words[v].value === 'get') {
    // `go get -u ./...` (or with no package) updates the module's own requirements; `go get -u github.com/x/tool`
    // is as often a tool's install in GOPATH mode, and is left alone.
    const operands = words.slice(v + 1).filter((w) => !w.value.startsWith('-'));
    if (!operands.every((w) => w.value === '.' || w.value.startsWith('./'))) return -1;
    return words.findIndex((w, i) => i > v && /^-u(=patch)?$/.test(w.value));
  }
  return -1;
}

/** True when `go mod init` runs before this command, in the stage or the stages it is built FROM: the module is the build's own. */
function moduleCreated(model: DockerfileModel, stage: Stage, run: Instruction, earlier: SimpleCommand[]): boolean {
  const isInit = (command: SimpleCommand) => {
    const words = effectiveWords(command);
    const v = verbIndex(words);
    return programOf(words) === 'go' && v >= 0 && words[v].value === 'mod' && words[verbIndex(words, v + 1)]?.value === 'init';
  };
  if (earlier.some(isInit)) return true;
  const line = run.getRange().start.line;
  return model
    .inheritedInstructions(stage, 'RUN')
    .some((i) => i.getRange().start.line < line && commandsOf(model.commandLine(i)).some(isInit));
}

/**
 * True when the go.mod a Go command rewrote is the one the build goes on with: the stage copied files from the build
 * context before it (the module came from there), and no later copy into its folder (`COPY . .`, `COPY go.mod ./`)
 * brings the committed go.mod back, as it does after a `go mod tidy` run on go.mod alone to warm a cache.
 */
function moduleKept(model: DockerfileModel, stage: Stage, run: Instruction): boolean {
  const directories = workdirs(model, stage);
  const folder = directories.get(run);
  const line = run.getRange().start.line;
  let copiedBefore = false;
  for (const instruction of model.inheritedInstructions(stage)) {
    const keyword = instruction.getKeyword();
    if ((keyword !== 'COPY' && keyword !== 'ADD') || flagOf(instruction, 'from')) continue;
    if (instruction.getRange().start.line < line) {
      copiedBefore = true;
      continue;
    }
    const dir = directories.get(instruction);
    const { sources, destination } = copyPaths(model, instruction);
    if (folder === undefined || dir === undefined || !destination || joinImagePath(dir, destination.value) !== folder) continue;
    if (sources.some((source) => baseName(source.value) === 'go.mod' || copiesDirectory(source.value))) return false;
  }
  return copiedBefore;
}
