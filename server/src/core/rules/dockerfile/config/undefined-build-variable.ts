import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../../rule';
import { flagOf, rootImage } from '../../../dockerfile/instructions';
import { propertiesOf, type DockerfileModel, type Stage } from '../../../dockerfile/model';
import type { Range } from '../../../types';

/** Arguments BuildKit defines for every build, usable in FROM without a declaration. */
const PREDEFINED_FROM = new Set(['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']);
/** Instructions whose variables Docker expands at build time (CMD, ENTRYPOINT and HEALTHCHECK read the runtime environment). */
const BUILD_TIME = new Set(['RUN', 'COPY', 'ADD', 'ENV', 'WORKDIR', 'LABEL', 'EXPOSE', 'USER', 'VOLUME', 'STOPSIGNAL']);
const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

interface Reference {
  name: string;
  range: Range;
}

function referencesIn(model: DockerfileModel, range: Range): Reference[] {
  const start = model.source.offsetAt(range.start);
  const text = model.source.textOf(range);
  const out: Reference[] = [];
  REFERENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REFERENCE.exec(text))) {
    if (m.index > 0 && text[m.index - 1] === model.escapeChar) continue;
    const name = m[1] ?? m[2];
    const length = m[1] !== undefined ? m[0].length + (text[m.index + m[0].length] === '}' ? 1 : 0) : m[0].length;
    out.push({ name, range: model.source.rangeOf(start + m.index, start + m.index + length) });
  }
  return out;
}

/** Variables a base image is known to set for itself (`node` sets NODE_VERSION): a global ARG of that name may be meant to meet it. */
function baseImageSets(stage: Stage, name: string): boolean {
  const image = rootImage(stage)?.name?.toLowerCase() ?? '';
  const m = /^([A-Z]+)_(VERSION|HOME|MAJOR)$/.exec(name);
  return !!m && (image.split('/').pop() ?? '').replace(/jdk$/, 'java').includes(m[1].toLowerCase().replace(/^golang$/, 'golang'));
}

/**
 * True when a shell script assigns the variable itself (`X=1`, `export X=…`, `for X in`, `read X`) in a command before
 * the one that reads it at offset `at`. The shell expands a command's words before its own assignments take effect, so
 * `VERSION=${VERSION} make build` still reads the build argument (oauth2-proxy's builder stage).
 */
function assignedInScript(script: string, name: string, at: number): boolean {
  for (const m of script.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=|\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b|\bread\s+(?:-[a-z]+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const end = m.index + m[0].length;
    if (end > at) break;
    if ((m[1] ?? m[2] ?? m[3]) === name && /[;&|\n({]/.test(script.slice(end, at))) return true;
  }
  return false;
}

export default defineDockerfileRule({
  meta: {
    id: 'config/undefined-build-variable',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A variable is used where it has no value: `FROM` names an undeclared `ARG`, or a stage uses a global `ARG` it never re-declares.',
    rationale: [
      'Build configuration comes in through declared arguments. Docker gives a stage only the arguments it declares',
      'itself: a global `ARG VERSION=1.2` (before the first `FROM`) is visible to `FROM` lines, and is empty inside a',
      'stage until that stage says `ARG VERSION`. `RUN curl …/v$VERSION/…` then quietly downloads the wrong thing, and',
      'a `FROM image:$TAG` with no `ARG TAG` at all resolves to an empty tag.',
      '',
      'Declare the argument where it is used (`ARG VERSION` inside the stage re-uses the global default). Not reported:',
      'BuildKit\'s predefined platform arguments, names the stage sets with `ENV` or a `RUN` script assigns itself in an',
      'earlier command (`VERSION=${VERSION} make` still reads the argument: the shell expands a command\'s words before',
      'its assignments take effect), and version variables a base image sets for itself (`NODE_VERSION` on `node`). Other undeclared variables may come',
      'from the base image\'s environment, which this linter cannot see, so they are not guessed at. Corresponds to BuildKit',
      'UndefinedArgInFrom and UndefinedVar (for global arguments).',
    ].join('\n'),
    messages: {
      fromUndefined: '`FROM` uses `${{name}}`, but no `ARG {{name}}` precedes the first `FROM`; it expands to an empty string.',
      notRedeclared: '`${{name}}` is a global ARG that this stage never re-declares, so it is empty here; add `ARG {{name}}` to the stage.',
    },
    anchors: [{ tool: 'BuildKit', id: 'UndefinedArgInFrom' }, { tool: 'BuildKit', id: 'UndefinedVar' }],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const from = stage.from;
      const platform = flagOf(from, 'platform');
      const fromRanges = [from.getImageRange(), platform?.getValueRange()].filter((r): r is Range => !!r);
      for (const range of fromRanges) {
        for (const ref of referencesIn(model, range)) {
          if (!model.globalArgs.has(ref.name) && !PREDEFINED_FROM.has(ref.name)) report({ messageId: 'fromUndefined', data: { name: ref.name }, range: ref.range });
        }
      }
      if (model.globalArgs.size === 0) continue;
      // Inherited declarations count; the stage's own ones count from where they stand.
      const own = new Set<string>();
      const inherited = stage.parent ? declaredIn(model, stage.parent) : new Set<string>();
      for (const instruction of stage.instructions.slice(1)) {
        const keyword = instruction.getKeyword();
        // The instruction's whole text (its arguments lie inside it): one without a `$` uses no variable, and
        // is passed over without reading its arguments, as most instructions are.
        const text = BUILD_TIME.has(keyword) ? model.source.textOf(instruction.getRange()) : '';
        if (text.includes('$')) {
          const script = keyword === 'RUN' ? text : '';
          const scriptStart = model.source.offsetAt(instruction.getRange().start);
          let seen: Set<string> | undefined;
          for (const ref of referencesIn(model, instruction.getArgumentsRange() ?? instruction.getRange())) {
            if (!model.globalArgs.has(ref.name) || own.has(ref.name) || inherited.has(ref.name) || seen?.has(ref.name)) continue;
            if (baseImageSets(stage, ref.name) || (script && assignedInScript(script, ref.name, model.source.offsetAt(ref.range.start) - scriptStart))) continue;
            (seen ??= new Set()).add(ref.name);
            report({ messageId: 'notRedeclared', data: { name: ref.name }, range: ref.range });
          }
        }
        collectDeclarations(instruction, own);
      }
    }
  },
});

function collectDeclarations(instruction: Instruction, into: Set<string>): void {
  const keyword = instruction.getKeyword();
  // ARG: one name per word (`ARG A B=1`); ENV: dockerfile-ast's reading, legacy `ENV NAME value` included.
  if (keyword === 'ARG' || keyword === 'ENV') for (const p of propertiesOf(instruction)) into.add(p.name);
}

function declaredIn(model: DockerfileModel, stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const instruction of model.inheritedInstructions(stage)) if (instruction.getKeyword() !== 'FROM') collectDeclarations(instruction, out);
  return out;
}
