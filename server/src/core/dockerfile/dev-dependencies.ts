/**
 * Node.js dependencies installed with their development ones in a build stage and copied from there into the final
 * image: `COPY --from=deps /app/node_modules ./node_modules` after `npm ci` in `deps`. Shared by the rule that
 * reports it and the build context, which reads the package.json the install used to see whether it declares
 * development dependencies at all.
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { effectiveWords, type ShellWord, type SimpleCommand } from './shell';
import { commandsOf, copyPaths, flagOf, programOf, variablesAt, verbIndex, type PathWord } from './instructions';
import { cleanPath, joinImagePath, workdirs } from './image-paths';
import { packageJsonObject } from './package-scripts';

export interface DevDependencyCopy {
  /** The final stage's `COPY --from`. */
  copy: Instruction;
  /** Its source: `…/node_modules`, or the folder the install ran in. */
  source: PathWord;
  /** The stage copied from. */
  stage: Stage;
  /** The RUN whose install brought the development dependencies. */
  install: Instruction;
  /**
   * The RUN's installs that bring every dependency, in order: one (`npm ci`), or one per package manager when the RUN
   * picks one by the lock file it finds (`if [ -f yarn.lock ]; then yarn; elif …; then npm ci; fi`).
   */
  installs: FullInstall[];
  /** The folder the install ran in (absolute). */
  folder: string;
}

/** An install command that brings every dependency. */
export interface FullInstall {
  /** Its words (`npm ci`). */
  words: ShellWord[];
  /** The package manager: `npm`, `yarn`, `pnpm` or `bun`. */
  tool: string;
}

const byModel = new WeakMap<DockerfileModel, DevDependencyCopy[]>();

/** The copies into the final image of node_modules that hold development dependencies (see the module's comment). */
export function devDependencyCopies(model: DockerfileModel): DevDependencyCopy[] {
  let out = byModel.get(model);
  if (out) return out;
  out = [];
  byModel.set(model, out);
  const final = model.finalStage;
  if (!final) return out;
  // A development image (`NODE_ENV=development`) is meant to hold them.
  const nodeEnv = model.envOf(final).get('NODE_ENV')?.value;
  if (nodeEnv === 'development' || nodeEnv === 'dev') return out;
  const directories = workdirs(model, final);
  for (const copy of final.instructions) {
    if (copy.getKeyword() !== 'COPY') continue;
    const from = flagOf(copy, 'from')?.getValue();
    const stage = from ? model.stageByReference(from) : undefined;
    if (!stage || stage.index >= final.index) continue;
    for (const source of copyPaths(model, copy).sources) {
      if (source.value.includes('$') || /[*?[]/.test(source.value)) continue;
      // Paths of COPY --from are read from the root of the stage's file system.
      const path = joinImagePath('/', source.value);
      const folder = path.endsWith('/node_modules') ? path.slice(0, -'/node_modules'.length) || '/' : path;
      const install = fullInstallIn(model, stage, folder);
      if (install && !reinstalledAfter(model, final, copy, directories)) out.push({ copy, source, stage, folder, ...install });
    }
  }
  return out;
}

function sameWords(a: readonly ShellWord[], b: readonly ShellWord[]): boolean {
  return a.length === b.length && a.every((w, i) => w.value === b[i].value);
}

/**
 * The last install in `folder` of `stage` (or the stages it is built FROM) that brought development dependencies,
 * unless a later command there installs for production only or prunes them. A node_modules the stage copied from
 * another stage (`COPY --from=deps /app/node_modules ./node_modules`) is followed there.
 */
function fullInstallIn(model: DockerfileModel, stage: Stage, folder: string): { install: Instruction; installs: FullInstall[] } | undefined {
  const directories = workdirs(model, stage);
  let found: { install: Instruction; installs: FullInstall[] } | undefined;
  for (const instruction of model.inheritedInstructions(stage)) {
    const keyword = instruction.getKeyword();
    const dir = directories.get(instruction);
    if (dir === undefined) continue;
    if (keyword === 'COPY') {
      const from = flagOf(instruction, 'from')?.getValue();
      const source = from ? model.stageByReference(from) : undefined;
      const { sources, destination } = copyPaths(model, instruction);
      if (!source || source.index >= stage.index || !destination || sources.length !== 1 || destination.value.includes('$')) continue;
      const target = joinImagePath(dir, destination.value);
      const copied = joinImagePath('/', sources[0].value);
      // `node_modules` copied into this folder, or a whole folder copied onto it.
      if (target === `${folder === '/' ? '' : folder}/node_modules` && copied.endsWith('/node_modules')) found = fullInstallIn(model, source, copied.slice(0, -'/node_modules'.length) || '/');
      else if (target === folder && !copied.endsWith('/node_modules')) found = fullInstallIn(model, source, copied) ?? found;
      continue;
    }
    if (keyword !== 'RUN' || dir !== folder) continue;
    for (const command of commandsOf(model.commandLine(instruction))) {
      const kind = installKind(model, instruction, command);
      if (kind === 'full') {
        const words = effectiveWords(command);
        const install: FullInstall = { words, tool: programOf(words) };
        // Several in one RUN: the branches of a choice by lock file (or the same install twice, named once).
        if (found?.install === instruction) {
          if (!found.installs.some((i) => sameWords(i.words, words))) found.installs.push(install);
        } else found = { install: instruction, installs: [install] };
      }
      else if (kind === 'production') found = undefined;
    }
  }
  return found;
}

/**
 * True when the final stage, after `copy`, installs for production only or prunes in the folder the copied
 * node_modules landed in (`npm ci --omit=dev` there replaces them): what the image holds is then production-only.
 */
function reinstalledAfter(model: DockerfileModel, final: Stage, copy: Instruction, directories: Map<Instruction, string | undefined>): boolean {
  const { sources, destination } = copyPaths(model, copy);
  const dir = directories.get(copy);
  if (!destination || dir === undefined || destination.value.includes('$')) return false;
  const target = joinImagePath(dir, destination.value);
  const landed = sources.length === 1 && cleanPath(sources[0].value).pop() === 'node_modules' ? target.slice(0, target.lastIndexOf('/')) || '/' : target;
  const line = copy.getRange().start.line;
  return final.instructions.some(
    (i) => i.getKeyword() === 'RUN' && i.getRange().start.line > line && directories.get(i) === landed && commandsOf(model.commandLine(i)).some((c) => installKind(model, i, c) === 'production'),
  );
}

const TOOLS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

/** Options whose value is the next word, not a package name. */
const VALUE_OPTIONS = new Set(['--loglevel', '--registry', '--cache', '--network-timeout', '--cwd', '--modules-folder', '--mutex', '--store-dir', '--reporter', '--filter', '-F']);

/** Options that leave development dependencies out (npm, Yarn 1, pnpm, Bun). */
const PRODUCTION_OPTIONS = /^(--omit=dev|--only=prod(uction)?|--production(=true)?|--prod|-P)$/;

/**
 * What one command does to a node_modules folder: `full` installs every dependency, `production` installs or prunes
 * to the production ones (or removes the folder), undefined for anything else.
 */
function installKind(model: DockerfileModel, run: Instruction, command: SimpleCommand): 'full' | 'production' | undefined {
  const all = command.words;
  const words = effectiveWords(command);
  const tool = programOf(words);
  if (removesNodeModules(words.map((w) => w.value))) return 'production';
  if (!TOOLS.has(tool)) return undefined;
  const v = verbIndex(words);
  const verb = v >= 0 ? words[v].value : undefined;
  const values = words.map((w) => w.value);
  const production = values.some((w, i) => PRODUCTION_OPTIONS.test(w) || (w === '--omit' && values[i + 1] === 'dev'));
  // `yarn workspaces focus --production` (Yarn 2+), `npm prune --omit=dev`, `pnpm prune --prod`.
  if (verb === 'prune' || verb === 'workspaces') return production ? 'production' : undefined;
  const installs = tool === 'npm' ? verb === 'ci' || verb === 'install' || verb === 'i' || verb === 'clean-install' : verb === undefined || verb === 'install' || verb === 'i';
  if (!installs) return undefined;
  // Named packages (`npm install -g pm2`, `yarn add`): not the project's dependency tree.
  if (values.includes('-g') || values.includes('--global')) return undefined;
  for (let i = v + 1; v >= 0 && i < words.length; i++) {
    if (VALUE_OPTIONS.has(words[i].value)) i++;
    else if (!words[i].value.startsWith('-')) return undefined;
  }
  if (production) return 'production';
  // npm, Yarn 1 and pnpm leave development dependencies out under NODE_ENV=production (a variable of unknown value may be it).
  const inline = all.slice(0, all.length - words.length).map((w) => w.value);
  const environment = variablesAt(model, run);
  const nodeEnv = inline.find((w) => w.startsWith('NODE_ENV='))?.slice('NODE_ENV='.length) ?? (environment.has('NODE_ENV') ? (environment.get('NODE_ENV') ?? 'unknown') : undefined);
  if (nodeEnv !== undefined && nodeEnv !== 'development' && nodeEnv !== 'test') return 'production';
  const npmProduction = environment.get('NPM_CONFIG_PRODUCTION') ?? environment.get('npm_config_production');
  const npmOmit = environment.get('NPM_CONFIG_OMIT') ?? environment.get('npm_config_omit');
  if (npmProduction === 'true' || npmOmit === 'dev' || (environment.has('NPM_CONFIG_OMIT') && npmOmit === undefined)) return 'production';
  return 'full';
}

/** An `rm` of a node_modules folder (`rm -rf node_modules`, `rm -r ./app/node_modules/`), given a command's words. */
export function removesNodeModules(words: readonly string[]): boolean {
  return (words[0] ?? '').split('/').pop() === 'rm' && words.some((w) => /(^|\/)node_modules\/?$/.test(w));
}

/** True when a package.json's text declares development dependencies (or cannot be read as JSON: assume it does). */
export function declaresDevDependencies(packageJson: string): boolean {
  const parsed = packageJsonObject(packageJson);
  if (!parsed) return true;
  const dev = parsed.devDependencies;
  return dev !== null && typeof dev === 'object' && Object.keys(dev).length > 0;
}
