/**
 * Manifests, lock files and the commands that install from them, plus what a stage
 * has copied in before a given RUN: the dependencies rules use this to tell a
 * reproducible install (`npm ci` with `package-lock.json`) from a resolving one.
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import type { ShellWord, SimpleCommand } from './shell';
import { effectiveWords } from './shell';
import { bindMountSources, copyPaths, programOf, sourceMatches, verbIndex, type PathWord } from './instructions';

export type Ecosystem = 'npm' | 'bundler' | 'composer' | 'pipenv' | 'python-project' | 'cargo';

export const MANIFESTS: Record<string, { ecosystem: Ecosystem; locks: string[] }> = {
  'package.json': { ecosystem: 'npm', locks: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'] },
  Gemfile: { ecosystem: 'bundler', locks: ['Gemfile.lock'] },
  'composer.json': { ecosystem: 'composer', locks: ['composer.lock'] },
  Pipfile: { ecosystem: 'pipenv', locks: ['Pipfile.lock'] },
  'pyproject.toml': { ecosystem: 'python-project', locks: ['poetry.lock', 'uv.lock', 'pdm.lock'] },
  'Cargo.toml': { ecosystem: 'cargo', locks: ['Cargo.lock'] },
};

export interface InstallCommand {
  ecosystem: Ecosystem;
  /** `npm`, `yarn`, `pnpm`, `bun`, `bundle`, `composer`, `pipenv`, `poetry`, `uv`, `pdm`, `cargo`. */
  tool: string;
  /** The effective words (wrappers stripped). */
  words: ShellWord[];
  /** The subcommand word (`install`, `ci`, `sync`); `undefined` for a bare `yarn`. */
  verb: ShellWord | undefined;
  /** Non-option words after the verb (named packages for npm/yarn/pnpm). */
  operands: ShellWord[];
  command: SimpleCommand;
}

/** Options whose value is a separate word, so it is not mistaken for a package name. */
const VALUE_OPTIONS = new Set(['--prefix', '-C', '--dir', '--loglevel', '--registry', '--cache', '--cwd', '--modules-folder', '--network-timeout', '--filter', '--path', '--jobs', '-j', '--retry', '--without', '--with', '--only', '--target', '--extras', '-E', '--python', '--group', '--profile']);

/** Recognises a command that installs a project's dependencies from its manifest. */
export function installCommandOf(command: SimpleCommand): InstallCommand | undefined {
  const words = effectiveWords(command);
  const tool = programOf(words);
  const vi = verbIndex(words);
  const verb = vi >= 0 ? words[vi] : undefined;
  const operands: ShellWord[] = [];
  if (vi >= 0) {
    for (let i = vi + 1; i < words.length; i++) {
      const w = words[i];
      if (w.value.startsWith('-')) {
        if (VALUE_OPTIONS.has(w.value)) i++;
        continue;
      }
      operands.push(w);
    }
  }
  const make = (ecosystem: Ecosystem): InstallCommand => ({ ecosystem, tool, words, verb, operands, command });
  const v = verb?.value;
  switch (tool) {
    case 'npm':
      return v === 'install' || v === 'i' || v === 'ci' || v === 'clean-install' || v === 'install-clean' ? make('npm') : undefined;
    case 'yarn':
      return v === undefined || v === 'install' ? make('npm') : undefined;
    case 'pnpm':
    case 'bun':
      return v === 'install' || v === 'i' ? make('npm') : undefined;
    case 'bundle':
    case 'bundler':
      return v === undefined || v === 'install' ? make('bundler') : undefined;
    case 'composer':
      return v === 'install' || v === 'update' ? make('composer') : undefined;
    case 'pipenv':
      return v === 'install' || v === 'sync' ? make('pipenv') : undefined;
    case 'poetry':
    case 'pdm':
      return v === 'install' || v === 'sync' ? make('python-project') : undefined;
    case 'uv':
      return v === 'sync' ? make('python-project') : undefined;
    case 'cargo':
      return v === 'build' || v === 'fetch' || (v === 'install' && words.some((w) => w.value === '--path')) ? make('cargo') : undefined;
    default:
      return undefined;
  }
}

export interface CopiedFile extends PathWord {
  instruction: Instruction;
}

/** Every COPY/ADD source in `run`'s stage (and the stages it is built FROM) before `run`, plus its bind mounts. */
export function filesBefore(model: DockerfileModel, run: Instruction): CopiedFile[] {
  const stage = model.stageOf(run);
  if (!stage) return [];
  const line = run.getRange().start.line;
  const out: CopiedFile[] = [];
  for (const file of stageCopies(model, stage)) {
    if (file.instruction.getRange().start.line >= line && file.ownStage) break;
    out.push(file);
  }
  for (const src of bindMountSources(run)) out.push({ value: src, range: run.getRange(), instruction: run });
  return out;
}

/** COPY/ADD sources of a stage and its FROM ancestors, oldest first; computed once per stage and document version. */
const copiesByModel = new WeakMap<DockerfileModel, Map<Stage, (CopiedFile & { ownStage: boolean })[]>>();

function stageCopies(model: DockerfileModel, stage: Stage): (CopiedFile & { ownStage: boolean })[] {
  let byStage = copiesByModel.get(model);
  if (!byStage) copiesByModel.set(model, (byStage = new Map()));
  let copies = byStage.get(stage);
  if (!copies) {
    copies = [];
    const own = new Set(stage.instructions);
    for (const instruction of model.inheritedInstructions(stage)) {
      const ownStage = own.has(instruction);
      for (const source of copyPaths(model, instruction).sources) copies.push({ ...source, instruction, ownStage });
    }
    byStage.set(stage, copies);
  }
  return copies;
}


/** True when one of `files` names `name` exactly or by a glob. */
export function explicitlyCopied(files: CopiedFile[], name: string): boolean {
  return files.some((f) => sourceMatches(f.value, name));
}
