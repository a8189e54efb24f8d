/**
 * What a Dockerfile installs with system and language package managers, found in
 * the simple commands of RUN instructions, with the range of each package word.
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { effectiveWords, type ShellWord, type SimpleCommand } from './shell';
import { AttachedCache } from '../attached';
import { variablesAt } from './instructions';

/** `[@A-Za-z0-9._+/-]`, by character code (a regex test per character cost more than the rest of the scan). */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 64 || c === 95 || c === 43; // a-z A-Z - . / 0-9 @ _ +
}

/** `\n`, `\r`, U+2028, U+2029. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * The package name of an install argument, without its version or constraint (`flask==2.0`,
 * `libpq-dev=15.*`, `left-pad@1.3.0`, `@scope/pkg@^2`): the shortest name-character prefix
 * followed by nothing, by a constraint operator and the rest of the line, or by `@` and a
 * version holding no `/`. The value unchanged when no prefix qualifies. One pass (a regex with
 * a lazy prefix retried the version tail from every position: quadratic on `+@@@…/@`).
 */
function packageNameOf(value: string): string {
  let lastSlash = -1;
  let lastBreak = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 47) lastSlash = i;
    else if (isLineTerminator(c)) lastBreak = i;
  }
  for (let i = 1; i <= value.length; i++) {
    if (!isNameChar(value.charCodeAt(i - 1))) return value;
    if (i === value.length) return value;
    const c = value[i];
    if ('=<>~!'.includes(c) && lastBreak < i) return value.slice(0, i);
    if (c === '@' && lastSlash < i) return value.slice(0, i);
  }
  return value;
}

export type PackageManager = 'apt' | 'apk' | 'yum' | 'dnf' | 'zypper' | 'microdnf' | 'npm' | 'yarn' | 'pnpm' | 'pip' | 'gem' | 'pecl' | 'pipx' | 'composer' | 'dotnet';

/** A package named on one install command (a RUN line's or a container command's). */
export interface CommandPackage {
  manager: PackageManager;
  /** Package name without version pin (`nginx=1.2*` -> `nginx`, `flask==3.0` -> `flask`). */
  name: string;
  word: ShellWord;
  command: SimpleCommand;
}

export interface InstalledPackage extends CommandPackage {
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
  // `pip wheel` and `pip download` resolve from the index too: where a later `pip install --no-index` takes its version.
  pip: { manager: 'pip', verbs: ['install', 'wheel', 'download'] },
  pip3: { manager: 'pip', verbs: ['install', 'wheel', 'download'] },
  // An application from PyPI in a virtualenv of its own: `pipx install apprise==1.9.0`.
  pipx: { manager: 'pipx', verbs: ['install'] },
  gem: { manager: 'gem', verbs: ['install'] },
  // PHP's extension installer: `pecl install redis` (the newest release), `pecl install redis-6.0.2` (that one).
  pecl: { manager: 'pecl', verbs: ['install'] },
  // PHP's `composer require symfony/maker-bundle` (`req`, as Symfony's docs write it; `global require` for a tool): the
  // newest release, written into composer.json and composer.lock.
  composer: { manager: 'composer', verbs: ['require', 'req'] },
  // .NET's tools from NuGet: `dotnet tool install --global dotnet-ef` (the newest release; `--version 8.0.11` or
  // `dotnet-ef@8.0.11` names one). `dotnet tool restore` installs what the tool manifest pins: not read here.
  'dotnet tool': { manager: 'dotnet', verbs: ['install', 'update'] },
};

/** Options that take a separate value word, so that value is not mistaken for a package. */
const OPTIONS_WITH_VALUE = new Set(['-o', '-t', '--target', '-c', '--constraint', '-r', '--requirement', '-i', '--index-url', '--extra-index-url', '--repository', '-X', '--virtual', '--prefix', '--root', '--registry']);
/**
 * Each manager's own options with a separate value (`pip install --no-binary :all: …`, `--trusted-host pypi.org`,
 * `--root-user-action ignore`): `:all:`, `pypi.org` and `ignore` were read as packages without a version. Kept per
 * manager where a short option means something else elsewhere (`-f` is pip's find-links and npm's force; `-s` gem's
 * source and npm's silent).
 */
const MANAGER_OPTIONS_WITH_VALUE: Partial<Record<PackageManager, ReadonlySet<string>>> = {
  pip: new Set([
    '--no-binary', '--only-binary', '--platform', '--python-version', '--implementation', '--abi', '--trusted-host', '--root-user-action',
    '--progress-bar', '--retries', '--timeout', '--exists-action', '--upgrade-strategy', '--log', '--proxy', '--cert', '--client-cert',
    '--cache-dir', '--src', '--index', '-f', '--find-links', '-e', '--editable', '-C', '--config-settings', '--global-option', '--install-option',
    '--report', '--python', '-p', '-w', '--wheel-dir', '-d', '--dest',
  ]),
  npm: new Set(['--loglevel', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include', '--install-strategy', '--before', '--fetch-retries']),
  pnpm: new Set(['--loglevel', '--filter', '-F', '--store-dir', '--reporter', '-w', '--workspace']),
  yarn: new Set(['--network-timeout', '--cache-folder', '--modules-folder', '--cwd', '--mutex']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform']),
  pecl: new Set(['-D', '--configureoptions', '-R', '--installroot', '-P', '--packagingroot']),
  composer: new Set(['-d', '--working-dir']),
  dotnet: new Set(['--version', '--tool-path', '--add-source', '--configfile', '-f', '--framework', '-a', '--arch', '-v', '--verbosity', '--tool-manifest']),
  pipx: new Set(['--python', '--pip-args', '--index-url', '-i', '--suffix', '--preinstall']),
  apk: new Set(['-p', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']),
  apt: new Set(['--target-release']),
  yum: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-x', '--exclude']),
  dnf: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-x', '--exclude', '--repo']),
  microdnf: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever']),
  zypper: new Set(['-r', '--repo', '--from']),
};

/** Each RUN instruction's packages, read once per parse however many rules ask (an instruction belongs to one model). */
const packagesByInstruction = new AttachedCache<Instruction, readonly InstalledPackage[]>('installed packages');

/** Packages named on install commands in the given instructions (RUN only). */
export function installedPackages(model: DockerfileModel, instructions: readonly Instruction[]): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    let packages = packagesByInstruction.get(instruction);
    if (!packages) {
      packages = packagesOf(model, instruction);
      packagesByInstruction.set(instruction, packages);
    }
    for (const pkg of packages) found.push(pkg);
  }
  return found;
}

function packagesOf(model: DockerfileModel, instruction: Instruction): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const command of model.commandLine(instruction)?.commands ?? []) {
    // Fields named one by one: V8 gives each `{ ...pkg, instruction }` a hidden class of its own (1,658 for the
    // 1,666 packages of a 10,000-line Dockerfile), which made every rule's reads of them megamorphic.
    for (const { manager, name, word } of commandPackages(command)) packages.push({ manager, name, word, command, instruction });
  }
  return packages;
}

/** The manager and the words after its install verb, when `command` installs packages (`pip install -r x flask`). */
function installArguments(command: SimpleCommand): { manager: PackageManager; args: ShellWord[] } | undefined {
  const words = effectiveWords(command);
  let program = words[0]?.value.split('/').pop() ?? '';
  let rest = words.slice(1);
  // A versioned interpreter or pip (`pip3.5`, `python3.12 -m pip`) is the same tool.
  if (/^pip3?\.\d+$/.test(program)) program = 'pip';
  else if (/^python3?\.\d+$/.test(program)) program = 'python';
  if (program === 'python' || program === 'python3') {
    // `python -m pip install …`
    if (rest[0]?.value === '-m' && rest[1]?.value.startsWith('pip')) {
      program = 'pip';
      rest = rest.slice(2);
    } else return undefined;
  } else if (program === 'dotnet' && rest[0]?.value === 'tool') {
    program = 'dotnet tool';
    rest = rest.slice(1);
  } else if (program === 'uv' && rest[0]?.value === 'pip') {
    // `uv pip install …`: uv's pip interface, read as pip's.
    program = 'pip';
    rest = rest.slice(1);
  }
  const spec = Object.hasOwn(SUBCOMMANDS, program) ? SUBCOMMANDS[program] : undefined;
  if (!spec) return undefined;
  let verbIndex = rest.findIndex((w) => !w.value.startsWith('-'));
  // `composer global require x`: the verb after `global`.
  if (spec.manager === 'composer' && rest[verbIndex]?.value === 'global') verbIndex = rest.findIndex((w, i) => i > verbIndex && !w.value.startsWith('-'));
  if (verbIndex < 0 || !spec.verbs.includes(rest[verbIndex].value)) return undefined;
  return { manager: spec.manager, args: rest.slice(verbIndex + 1) };
}

/** The packages one simple command installs, by name (`apt-get install -y curl`, `pip install flask==3`); none for other commands. */
export function commandPackages(command: SimpleCommand): CommandPackage[] {
  const found: CommandPackage[] = [];
  const install = installArguments(command);
  if (!install) return found;
  const { manager, args } = install;
  const ownOptions = MANAGER_OPTIONS_WITH_VALUE[manager];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word.value.startsWith('-')) {
      // pecl's options take no value (`pecl install -o -f redis`: -o is --onlyreqdeps, not apt's -o).
      if ((manager !== 'pecl' && OPTIONS_WITH_VALUE.has(word.value)) || ownOptions?.has(word.value)) i++;
      continue;
    }
    if (word.value === '' || word.value.includes('$')) continue;
    if (manager === 'composer') {
      // `vendor/name:^1.2`, `vendor/name=1.2`, `"vendor/name 1.2"`, or the version as the next word (`vendor/name ^1.2`).
      const name = composerPackageName(word.value);
      if (name === undefined) continue;
      found.push({ manager, name, word, command });
      if (args[i + 1] && isComposerVersion(args[i + 1].value)) i++;
      continue;
    }
    const name = packageNameOf(word.value).replace(/^([^[]*)\[.*\]$/, '$1');
    if (!name) continue;
    found.push({ manager, name, word, command });
  }
  return found;
}

/** npm's dist-tags that publishers move to each new release: naming one is naming no version. */
const DIST_TAGS = new Set(['latest', 'next', 'canary', 'beta', 'alpha', 'rc', 'nightly', 'experimental', 'insiders', 'edge', 'dev']);

/** A constraint of Composer's (`^1.2`, `~6.0`, `1.*`, `>=2 <3`, `dev-main`, `v1.0.0`): never a package, which holds a `/` or is an alias. */
function isComposerVersion(value: string): boolean {
  return !value.includes('/') && /^(?:[\^~<>=!*]|v?\d|dev-|@(?:dev|alpha|beta|RC|stable)$)/.test(value);
}

/**
 * The package a `composer require` word names (`vendor/name` or a Symfony Flex alias such as `maker`), without its
 * version; undefined for PHP's platform packages (`php`, `ext-redis`, `lib-curl`), which no registry installs.
 */
function composerPackageName(value: string): string | undefined {
  let end = 0;
  while (end < value.length && !':= '.includes(value[end])) end++;
  const name = value.slice(0, end);
  if (name === '' || /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|composer(?:-plugin|-runtime)?-api|ext-.*|lib-.*)$/i.test(name)) return undefined;
  return name;
}

/** True when the package word states a version the way its manager reads one (`curl=7.88*`, `flask==3.0`, `pm2@5`, `gem … -v 1`). */
export function declaresVersion(pkg: CommandPackage): boolean {
  const v = pkg.word.value;
  switch (pkg.manager) {
    case 'apt':
      return v.includes('=');
    case 'apk':
      return /[=~<>]/.test(v);
    case 'zypper':
      return /[=<>]/.test(v);
    case 'yum':
    case 'dnf':
    case 'microdnf':
      // `name-1.2.3`, `name-1.2.3-1.el9`, or a comparison.
      return /-\d/.test(v) || /[=<>]/.test(v);
    case 'pip':
    case 'pipx':
      return /[=<>~!@]/.test(v);
    case 'pecl':
      // `redis-6.0.2`, `xdebug-3.3.0alpha3`, or a channel URL with its version.
      return /-\d/.test(v);
    case 'gem':
      return v.includes(':') || effectiveWords(pkg.command).some((w) => w.value === '-v' || w.value === '--version' || w.value.startsWith('--version='));
    case 'dotnet':
      return v.lastIndexOf('@') > 0 || effectiveWords(pkg.command).some((w) => w.value === '--version' || w.value.startsWith('--version='));
    case 'composer': {
      if (/[:= ]./.test(v)) return true;
      const words = effectiveWords(pkg.command);
      const next = words[words.indexOf(pkg.word) + 1];
      return next !== undefined && isComposerVersion(next.value);
    }
    default: {
      // npm/yarn/pnpm: `name@1.2.3`, `@scope/name@^1`; a dist-tag (`turbo@latest`, `@next`) moves with each release.
      const at = v.lastIndexOf('@');
      return at > 0 && !DIST_TAGS.has(v.slice(at + 1).toLowerCase());
    }
  }
}

/**
 * The names that install commands of the final image take from variables (`apt-get install -y ${RUNTIME_PACKAGES}`
 * with `ARG RUNTIME_PACKAGES="curl gosu"`), expanded with the ARG and ENV values known at each RUN; `unknown` when a
 * variable's value is not known (an ARG without a default), so that what the image installs is not all known. For
 * rules that conclude a package is absent; the packages themselves (installedPackages) keep to the words written.
 */
export function runtimePackagesFromVariables(model: DockerfileModel): { names: Set<string>; unknown: boolean } {
  const names = new Set<string>();
  let unknown = false;
  const stage = model.finalStage;
  if (!stage) return { names, unknown };
  for (const instruction of model.inheritedInstructions(stage, 'RUN')) {
    for (const command of model.commandLine(instruction)?.commands ?? []) {
      const install = installArguments(command);
      const variable = install?.args.filter((w) => w.value.includes('$'));
      if (!variable || variable.length === 0) continue;
      const values = variablesAt(model, instruction);
      for (const word of variable) {
        const expanded = model.expand(word.value, values);
        if (expanded === undefined) unknown = true;
        else for (const part of expanded.split(/\s+/)) if (part && !part.startsWith('-')) names.add(packageNameOf(part).toLowerCase());
      }
    }
  }
  return { names, unknown };
}

/** Packages installed in the stages that make up the final image. */
export function runtimePackages(model: DockerfileModel): InstalledPackage[] {
  const stage: Stage | undefined = model.finalStage;
  if (!stage) return [];
  return installedPackages(model, model.inheritedInstructions(stage));
}

/**
 * The files `pip install -r <file>` (or `--requirement`) reads, per RUN instruction of the final image (or of `stage`), as
 * written, with the word that names each.
 */
export function requirementArguments(model: DockerfileModel, stage: Stage | undefined = model.finalStage): { instruction: Instruction; path: string; word: ShellWord }[] {
  const out: { instruction: Instruction; path: string; word: ShellWord }[] = [];
  if (!stage) return out;
  for (const instruction of model.inheritedInstructions(stage)) {
    if (instruction.getKeyword() !== 'RUN') continue;
    for (const command of model.commandLine(instruction)?.commands ?? []) {
      const install = installArguments(command);
      if (install?.manager !== 'pip') continue;
      const words = install.args;
      for (let i = 0; i < words.length; i++) {
        const value = words[i].value;
        if ((value === '-r' || value === '--requirement') && words[i + 1]) out.push({ instruction, path: words[i + 1].value, word: words[i + 1] });
        else if (value.startsWith('--requirement=')) out.push({ instruction, path: value.slice('--requirement='.length), word: words[i] });
        else if (value.startsWith('-r') && value.length > 2 && !value.startsWith('--')) out.push({ instruction, path: value.slice(2), word: words[i] });
      }
    }
  }
  return out;
}
