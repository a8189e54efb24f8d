/** Paths inside an image: cleaned, joined to a working directory, and the working directory at each instruction. */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { runtimeInstructions } from './instructions';
import { effectiveWords, type SimpleCommand } from './shell';

/** Normalises a path as Go's `filepath.Clean` does for relative paths; `..` above the root is dropped. */
export function cleanPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/** `path` (absolute, or relative to `dir`) as an absolute, cleaned image path. */
export function joinImagePath(dir: string, path: string): string {
  return '/' + cleanPath(path.startsWith('/') ? path : `${dir}/${path}`).join('/');
}

/**
 * The image's working directory at each instruction of the final image (or of `stage`; absolute), in one pass over
 * the stage and its ancestors; undefined after a WORKDIR with a variable (unknown).
 */
export function workdirs(model: DockerfileModel, stage?: Stage): Map<Instruction, string | undefined> {
  const out = new Map<Instruction, string | undefined>();
  let dir: string | undefined = '/';
  for (const i of stage ? model.inheritedInstructions(stage) : runtimeInstructions(model)) {
    if (i.getKeyword() === 'FROM' && !model.stageOf(i)?.parent) dir = '/';
    if (i.getKeyword() === 'WORKDIR') {
      const value = i.getArguments().map((a) => a.getValue()).join(' ').replace(/^(["'])(.*)\1$/, '$2');
      if (value.includes('$') || (dir === undefined && !value.startsWith('/'))) dir = undefined;
      else dir = joinImagePath(dir ?? '/', value);
    }
    out.set(i, dir);
  }
  return out;
}

/**
 * The directory `command` works in, one of `commands` (a RUN's command line): `workdir`, changed by the `cd` commands
 * before it (`cd assets && yarn install`), not by one sent to the background, which runs in a subshell of its own; and
 * by the package manager's own option for it (`yarn --cwd assets install`, `npm --prefix web ci`, `pnpm -C web i`).
 * Undefined when a `cd` goes where the file does not say (`cd "$DIR"`, `cd -`, `cd ~`, `cd` alone) or `workdir` is unknown.
 */
export function commandDirectory(commands: readonly SimpleCommand[], command: SimpleCommand, workdir: string | undefined): string | undefined {
  // A command of no list of its own (an exec-form RUN's one argv) runs where the instruction does.
  let directory = workdir;
  if (commands.includes(command)) {
    for (const earlier of commands) {
      if (earlier === command || directory === undefined) break;
      if (earlier.terminator === '&') continue;
      const words = effectiveWords(earlier);
      if (words[0]?.value === 'cd') directory = afterCd(directory, words.map((w) => w.value));
    }
  }
  return directory === undefined ? undefined : managerDirectory(effectiveWords(command).map((w) => w.value), directory);
}

/** Each package manager's option naming the project folder it works in. */
const DIRECTORY_OPTIONS: Record<string, readonly string[]> = { yarn: ['--cwd'], npm: ['--prefix'], pnpm: ['-C', '--dir'], bun: ['--cwd'] };

/** `directory` moved by a package manager's folder option among `words` (before its command word or after it); undefined when that is a variable. */
function managerDirectory(words: readonly string[], directory: string): string | undefined {
  const options = DIRECTORY_OPTIONS[words[0] ?? ''];
  if (!options) return directory;
  for (let i = 1; i < words.length; i++) {
    const eq = words[i].indexOf('=');
    const option = eq > 0 ? words[i].slice(0, eq) : words[i];
    if (!options.includes(option)) continue;
    const target = eq > 0 ? words[i].slice(eq + 1) : words[i + 1];
    return target === undefined || /[$`~]/.test(target) ? undefined : joinImagePath(directory, target);
  }
  return directory;
}

/**
 * The directory `cd` moves to from `directory`, given its words (`cd`, then its operand): undefined when the file does
 * not say where (`cd "$DIR"`, `cd -`, `cd ~`, `cd` alone, an option).
 */
export function afterCd(directory: string, words: readonly string[]): string | undefined {
  const target = words.length === 2 ? words[1] : '-';
  return target.startsWith('-') || /[$`~]/.test(target) ? undefined : joinImagePath(directory, target);
}
