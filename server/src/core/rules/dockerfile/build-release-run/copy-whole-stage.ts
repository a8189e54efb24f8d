import { defineDockerfileRule } from '../../../rule';
import { commandsOf, copyPaths, flagOf, programOf, rootImage, verbIndex } from '../../../dockerfile/instructions';
import { joinImagePath, workdirs } from '../../../dockerfile/image-paths';
import { effectiveWords, type ShellWord } from '../../../dockerfile/shell';
import type { DockerfileModel, Stage } from '../../../dockerfile/model';
import { imagePurpose } from '../../../dockerfile/start-command';

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/copy-whole-stage',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'The final stage copies the whole file system of a build stage (`COPY --from=build / /`), or the whole directory it compiled in.',
    rationale: [
      'A multi-stage build separates the build (compilers, caches, sources) from the release artefact. Copying `/` of',
      'a build stage (or `.`, which COPY --from reads from the stage\'s root, whatever its WORKDIR) into the runtime',
      'image undoes that split: the toolchain, package caches, sources and any',
      'credentials the build used ship with every release, and the image no longer says what the app needs to run.',
      '',
      'The same holds for the working directory a compiled build ran in (`COPY --from=builder /usr/src/app/ ./` after',
      '`./gradlew installDist` there): it holds the sources, the build tool\'s wrapper and caches, and every',
      'intermediate file next to the artefact.',
      '',
      'Copy the artefacts by path (`COPY --from=build /app/dist /app`). Not reported: stages built `FROM scratch` (an',
      'export stage holding only artefacts is meant to be copied whole), copies into stages that are not the final',
      'one, working directories of builds that do not compile (Node.js, Python, PHP: there the sources are what runs,',
      'and copying the prepared directory is the usual way), and final stages that run a build tool themselves (a',
      '`dotnet ef` migrations image needs the project). A compiled build is Gradle, Maven, sbt, Ant, `javac`, MSBuild,',
      '`go build`, `cargo build` or `dotnet build`/`publish` run in the directory the sources were copied to.',
      'Corresponds to hadolint DL3067\'s intent.',
    ].join('\n'),
    messages: {
      whole: '`COPY --from={{stage}} {{path}}` copies the whole build stage from its root (toolchain, caches, sources) into the runtime image; copy the artefacts by path.',
      workdir: '`COPY --from={{stage}} {{path}}` copies the whole directory the build compiled in (sources, build caches, intermediate files) into the runtime image; copy the built artefact by path.',
    },
    anchors: [{ tool: 'hadolint', id: 'DL3067' }],
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const instruction of final.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
      const from = flagOf(instruction, 'from')?.getValue();
      if (!from) continue;
      const source = model.stageByReference(from);
      if (!source || source.index >= final.index) continue;
      if (rootImage(source)?.name?.toLowerCase() === 'scratch') continue;
      const { sources } = copyPaths(model, instruction);
      // `.` too: the paths of COPY --from are read from the stage's root (`COPY --from=build . .`, pipicu-back-end).
      const whole = sources.find((s) => /^(\/+\.?|\.\/?)$/.test(s.value));
      if (whole) {
        report({ messageId: 'whole', data: { stage: from, path: whole.value }, range: whole.range });
        continue;
      }
      // An image that runs a build tool itself (`dotnet ef` migrations, `mvn test`) needs the sources it is given.
      if (imagePurpose(model, final) !== 'app') continue;
      const compiled = compiledIn(model, source);
      if (compiled.size === 0) continue;
      // Paths of COPY --from are read from the root of the stage's file system, whatever its WORKDIR.
      const workdir = sources.find((s) => !s.value.includes('$') && !/[*?[]/.test(s.value) && compiled.has(joinImagePath('/', s.value)));
      if (workdir) report({ messageId: 'workdir', data: { stage: from, path: workdir.value }, range: workdir.range });
    }
  },
});

/** Programs that compile the sources in their working directory into an artefact. */
const COMPILERS = new Set(['gradle', 'gradlew', 'mvn', 'mvnw', 'sbt', 'ant', 'javac', 'msbuild', 'xbuild']);
/** Programs that compile with one of their verbs. */
const COMPILING_VERBS: Record<string, string[]> = { go: ['build', 'install'], cargo: ['build', 'install'], dotnet: ['build', 'publish'] };

function compiles(words: ShellWord[]): boolean {
  const program = programOf(words);
  if (COMPILERS.has(program)) return true;
  const verbs = Object.hasOwn(COMPILING_VERBS, program) ? COMPILING_VERBS[program] : undefined;
  const v = verbIndex(words);
  return verbs !== undefined && v >= 0 && verbs.includes(words[v].value);
}

/** The working directories (absolute) in which `stage` or a stage it is built FROM compiled sources copied there from the build context. */
function compiledIn(model: DockerfileModel, stage: Stage): Set<string> {
  const out = new Set<string>();
  const directories = workdirs(model, stage);
  const filled: string[] = [];
  for (const instruction of model.inheritedInstructions(stage)) {
    const dir = directories.get(instruction);
    if (dir === undefined) continue;
    const keyword = instruction.getKeyword();
    if ((keyword === 'COPY' || keyword === 'ADD') && !flagOf(instruction, 'from')) {
      const destination = copyPaths(model, instruction).destination?.value;
      if (destination && !destination.includes('$')) filled.push(joinImagePath(dir, destination));
    } else if (keyword === 'RUN' && !out.has(dir) && filled.some((f) => f === dir || f.startsWith(dir === '/' ? '/' : `${dir}/`))) {
      if (commandsOf(model.commandLine(instruction)).some((c) => compiles(effectiveWords(c)))) out.add(dir);
    }
  }
  return out;
}
