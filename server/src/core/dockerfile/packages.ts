/**
 * What a Dockerfile installs with system and language package managers, found in
 * the simple commands of RUN instructions, with the range of each package word.
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { effectiveWords, type ShellWord, type SimpleCommand } from './shell';

export type PackageManager = 'apt' | 'apk' | 'yum' | 'dnf' | 'zypper' | 'microdnf' | 'npm' | 'yarn' | 'pnpm' | 'pip' | 'gem';

export interface InstalledPackage {
  manager: PackageManager;
  /** Package name without version pin (`nginx=1.2*` -> `nginx`, `flask==3.0` -> `flask`). */
  name: string;
  word: ShellWord;
  command: SimpleCommand;
  instruction: Instruction;
}

const SUBCOMMANDS: Record<string, { manager: PackageManager; verbs: string[] }> = {
  'apt-get': { manager: 'apt', verbs: ['install'] },
  apt: { manager: 'apt', verbs: ['install'] },
  apk: { manager: 'apk', verbs: ['add'] },
  yum: { manager: 'yum', verbs: ['install'] },
  dnf: { manager: 'dnf', verbs: ['install'] },
  microdnf: { manager: 'microdnf', verbs: ['install'] },
  zypper: { manager: 'zypper', verbs: ['install', 'in'] },
  npm: { manager: 'npm', verbs: ['install', 'i', 'add'] },
  yarn: { manager: 'yarn', verbs: ['add'] },
  pnpm: { manager: 'pnpm', verbs: ['add', 'install', 'i'] },
  pip: { manager: 'pip', verbs: ['install'] },
  pip3: { manager: 'pip', verbs: ['install'] },
  gem: { manager: 'gem', verbs: ['install'] },
};

/** Options that take a separate value word, so that value is not mistaken for a package. */
const OPTIONS_WITH_VALUE = new Set(['-o', '-t', '--target', '-c', '--constraint', '-r', '--requirement', '-i', '--index-url', '--extra-index-url', '--repository', '-X', '--virtual', '--prefix', '--root', '--registry']);

/** Packages named on install commands in the given instructions (RUN only). */
export function installedPackages(model: DockerfileModel, instructions: Instruction[]): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const line = model.commandLine(instruction);
    for (const command of line?.commands ?? []) {
      const words = effectiveWords(command);
      let program = words[0]?.value.split('/').pop() ?? '';
      let rest = words.slice(1);
      if (program === 'python' || program === 'python3') {
        // `python -m pip install …`
        if (rest[0]?.value === '-m' && rest[1]?.value.startsWith('pip')) {
          program = 'pip';
          rest = rest.slice(2);
        } else continue;
      }
      const spec = SUBCOMMANDS[program];
      if (!spec) continue;
      const verbIndex = rest.findIndex((w) => !w.value.startsWith('-'));
      if (verbIndex < 0 || !spec.verbs.includes(rest[verbIndex].value)) continue;
      const args = rest.slice(verbIndex + 1);
      for (let i = 0; i < args.length; i++) {
        const word = args[i];
        if (word.value.startsWith('-')) {
          if (OPTIONS_WITH_VALUE.has(word.value)) i++;
          continue;
        }
        if (word.value === '' || word.value.includes('$')) continue;
        const name = word.value.replace(/^([@A-Za-z0-9._+/-]+?)(?:[=<>~!]=?.*|@[^/]*)?$/, '$1').replace(/\[.*\]$/, '');
        if (!name) continue;
        found.push({ manager: spec.manager, name, word, command, instruction });
      }
    }
  }
  return found;
}

/** Packages installed in the stages that make up the final image. */
export function runtimePackages(model: DockerfileModel): InstalledPackage[] {
  const stage: Stage | undefined = model.finalStage;
  if (!stage) return [];
  return installedPackages(model, model.inheritedInstructions(stage));
}
