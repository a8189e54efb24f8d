import { defineDockerfileRule } from '../../../rule';
import { declaresVersion, installedPackages, type InstalledPackage } from '../../../dockerfile/packages';
import type { DockerfileModel, Stage } from '../../../dockerfile/model';
import type { Instruction } from 'dockerfile-ast';
import { normalPythonName, pinnedByEarlierRequirements } from '../../../build-context';
import { effectiveWords, type SimpleCommand } from '../../../dockerfile/shell';
import { programOf, verbIndex } from '../../../dockerfile/instructions';
import type { Range } from '../../../types';

const LANGUAGE_MANAGERS = new Set(['pip', 'pipx', 'npm', 'yarn', 'pnpm', 'gem', 'pecl', 'composer', 'dotnet']);
/**
 * Installers upgrading themselves: toolchain, not the application's dependencies. Another package manager installed for
 * the build (`pip install poetry`, `npm i -g pnpm`, `gem install bundler`) is not one of them: it reads the lock file,
 * and its next major release may read it differently.
 */
const SELF = new Set(['pip', 'setuptools', 'wheel', 'npm', 'corepack', 'rubygems-update']);

/**
 * Whether a pip package was installed with one version earlier in its stage or the stages it builds on: `name==1.2`
 * (declaresVersion) or a wheel named by path or URL (`…/ray-3.0.0.dev0-cp312-….whl`), before it in the file.
 */
function pipPinsBefore(model: DockerfileModel, packages: readonly InstalledPackage[]): (pkg: InstalledPackage, name: string) => boolean {
  // By name: each unpinned package looks at the pins of its own name only.
  const pins = new Map<string, { instruction: Instruction; offset: number }[]>();
  for (const p of packages) {
    if (p.manager !== 'pip') continue;
    const file = p.word.value.slice(p.word.value.lastIndexOf('/') + 1);
    const name = file.endsWith('.whl') ? file.slice(0, file.indexOf('-') < 0 ? file.length : file.indexOf('-')) : declaresVersion(p) ? p.name : undefined;
    if (!name) continue;
    const key = normalPythonName(name);
    const list = pins.get(key);
    const pin = { instruction: p.instruction, offset: offsetOf(p) };
    if (list) list.push(pin);
    else pins.set(key, [pin]);
  }
  if (pins.size === 0) return () => false;
  const chains = new Map<Stage | undefined, ReadonlySet<Instruction>>();
  return (pkg, name) => {
    const stage = model.stageOf(pkg.instruction);
    let chain = chains.get(stage);
    if (!chain) chains.set(stage, (chain = new Set(stage ? model.inheritedInstructions(stage, 'RUN') : [])));
    const at = offsetOf(pkg);
    return (pins.get(name) ?? []).some((pin) => pin.offset < at && chain!.has(pin.instruction));
  };
}

/** Where a package word starts, as a number that orders words through the file. */
function offsetOf(pkg: InstalledPackage): number {
  return pkg.word.range.start.line * 1e6 + pkg.word.range.start.character;
}

/** `pip install -U x`, `--upgrade`, `--force-reinstall`: the newest release replaces the one installed. */
function upgrades(command: SimpleCommand): boolean {
  return command.words.some((w) => w.value === '-U' || w.value === '--upgrade' || w.value === '--force-reinstall');
}

/** Words that are not registry packages: paths, archives, URLs, VCS references. */
function isRegistryName(value: string): boolean {
  return !/^[./~]/.test(value) && !value.includes('://') && !/^(git\+|github:|gitlab:|bitbucket:|file:|link:|workspace:)/.test(value) && !/\.(whl|tar\.gz|tgz|zip|gem)$/.test(value);
}

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/unpinned-language-package',
    factor: 'dependencies',
    defaultSeverity: 'info',
    description: 'A language package is installed ad hoc without a version, outside a manifest or lock file (`pip install flask`, `npm i -g pm2`, `gem install rails`, `go install x@latest`).',
    rationale: [
      'The application\'s dependencies belong in its manifest and lock file, where they are versioned and reviewed.',
      'A package named on a `RUN` line without a version is resolved afresh at every build: the image of one commit',
      'gets a new major release the day it is published.',
      '',
      'Add the package to `requirements.txt`/`package.json`/`Gemfile` and install from the lock file, or state the',
      'version on the line (`pip install flask==3.0.3`, `npm i -g pm2@5.4.2`, `gem install rails -v 7.1.3`,',
      '`yarn add prisma@5.22.0`: inside a project, `npm install x`, `pnpm add x` and `yarn add x` add the newest `x` to',
      'the image\'s package.json, which the committed one and its lock file do not hold;',
      '`go install golang.org/x/tools/cmd/stringer@v0.24.0`). Not reported: installs from a requirements or constraints',
      'file, packages a requirements file installed earlier in the stage pins (`transformers==4.47.1`, when the build',
      'context was read; pip keeps that version unless told `-U`), installs with `--no-index` (only the wheels copied',
      'into the image; the `pip wheel` or `pip download` that fetched them is judged instead), local paths, archives and',
      'VCS URLs, names built from',
      'variables, and installers upgrading themselves (`pip',
      'install -U pip`, `npm i -g npm`). Another package manager installed for the build is reported (`pip install',
      'poetry`, `npm i -g pnpm`, `gem install bundler`): it then reads the lock file, and its next major release may read',
      'it differently or refuse it; so is one activated by a moving tag (`corepack prepare pnpm@latest --activate`).',
      'A dist-tag names no version either (`npm i -g turbo@latest`, `@next`, `@canary`).',
      '`uv pip install` is read as pip, and `pipx install` like it; PHP extensions from `pecl install` are packages too (`pecl install redis-6.0.2`),',
      'and so is `composer require vendor/name` (or `composer req`, `composer global require`): it adds the newest release',
      'to the image\'s composer.json and composer.lock (`composer require vendor/name:^1.4` states a constraint; PHP\'s',
      'platform packages, `php` and `ext-…`, are not installed by it and not reported). A .NET tool from NuGet too',
      '(`dotnet tool install --global dotnet-ef`: the newest release, which may need a newer runtime than the image has;',
      '`--version 8.0.11` or `dotnet-ef@8.0.11` names one; `dotnet tool restore` installs what the tool manifest pins).',
      'Corresponds to hadolint DL3013 (pip), DL3016 (npm), DL3028 (gem) and DL3062 (go',
      'install).',
    ].join('\n'),
    messages: {
      unpinned: '`{{name}}` is installed by {{manager}} without a version, so each build resolves it anew; pin it or install it from the lock file.',
      distTag: '`{{name}}` is installed by {{manager}} at its `{{tag}}` tag, which moves with each release, so each build resolves it anew; pin a version or install it from the lock file.',
      goLatest: '`go install {{name}}` follows a moving version; name a release (`@v1.2.3`).',
      corepackLatest: '`corepack {{verb}} {{name}}` activates whatever release of the package manager is newest; name a version (`pnpm@9.12.3`) or set `packageManager` in package.json.',
    },
    hadolint: ['DL3013', 'DL3016', 'DL3028', 'DL3062'],
    anchors: [{ tool: 'hadolint', id: 'DL3013' }, { tool: 'hadolint', id: 'DL3016' }, { tool: 'hadolint', id: 'DL3028' }, { tool: 'hadolint', id: 'DL3062' }],
  },
  check({ model, report, buildContext }) {
    const runs = model.instructionsOf('RUN');
    const packages = installedPackages(model, runs);
    const pinnedBefore = pipPinsBefore(model, packages);
    for (const pkg of packages) {
      if (!LANGUAGE_MANAGERS.has(pkg.manager) || SELF.has(pkg.name.toLowerCase()) || !isRegistryName(pkg.word.value)) continue;
      // `npm install x`, `pnpm add x`, `yarn add x` inside a project add the newest `x` to the image's package.json:
      // a dependency the committed manifest and lock file do not hold, as unpinned as a global one (umami's `yarn add prisma`).
      if (declaresVersion(pkg)) continue;
      // A requirements file installed before pinned it (talking_heads' `transformers==4.47.1`): pip keeps that version,
      // unless told to upgrade.
      // So does an earlier install of it with a version, or from a wheel file or URL (GKE's rayserve image installs a
      // ray build by URL, then `pip install --no-deps "ray[llm]"`).
      if (pkg.manager === 'pip' && !upgrades(pkg.command)) {
        const name = normalPythonName(pkg.name);
        if (pinnedBefore(pkg, name) || (buildContext?.files && pinnedByEarlierRequirements(model, buildContext, pkg.instruction).has(name))) continue;
      }
      // `pip install --no-index --find-links=/wheels app` (mitmproxy's image): only the wheels copied in, no index.
      if ((pkg.manager === 'pip' || pkg.manager === 'pipx') && pkg.command.words.some((w) => w.value === '--no-index')) continue;
      // `pip wheel` and `pip download` fetch from the index for a later install: named as they are.
      const words = pkg.manager === 'pip' ? effectiveWords(pkg.command) : [];
      const verb = words[verbIndex(words)]?.value;
      const manager = verb === 'wheel' || verb === 'download' ? `pip ${verb}` : pkg.manager === 'dotnet' ? 'dotnet tool' : pkg.manager;
      // `turbo@latest`: a dist-tag (declaresVersion reads none), named as written.
      const tag = pkg.manager === 'npm' || pkg.manager === 'pnpm' || pkg.manager === 'yarn' ? pkg.word.value.slice(pkg.word.value.lastIndexOf('@') + 1) : '';
      if (tag && pkg.word.value.lastIndexOf('@') > 0) report({ messageId: 'distTag', data: { name: pkg.name, manager, tag }, range: pkg.word.range });
      else report({ messageId: 'unpinned', data: { name: pkg.name, manager }, range: pkg.word.range });
    }
    for (const run of runs) {
      for (const command of model.commandLine(run)?.commands ?? []) {
        const words = effectiveWords(command);
        // `corepack prepare pnpm@latest --activate`, `corepack install -g yarn@stable`: the newest release of the manager.
        if (programOf(words) === 'corepack') {
          const verb = words.find((w, i) => i > 0 && !w.value.startsWith('-'));
          if (verb?.value !== 'prepare' && verb?.value !== 'install') continue;
          for (const w of words.slice(words.indexOf(verb) + 1)) {
            // A tag that moves; without a version, corepack takes the release it knows as good (it moves with Node's image).
            if (/^(npm|pnpm|yarn)@(latest|stable|canary|next|rc)$/.test(w.value)) report({ messageId: 'corepackLatest', data: { verb: verb.value, name: w.value }, range: w.range as Range });
          }
          continue;
        }
        if (programOf(words) !== 'go') continue;
        const v = verbIndex(words);
        if (v < 0 || words[v].value !== 'install') continue;
        for (const w of words.slice(v + 1)) {
          const m = /^([^@\s$]+)@(latest|master|main|HEAD)$/.exec(w.value);
          if (m) report({ messageId: 'goLatest', data: { name: w.value }, range: w.range as Range });
        }
      }
    }
  },
});
