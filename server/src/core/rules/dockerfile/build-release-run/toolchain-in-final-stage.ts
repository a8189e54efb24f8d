import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { installedPackages, type InstalledPackage } from '../../../dockerfile/packages';
import { programOf, runtimeInstructions, verbIndex } from '../../../dockerfile/instructions';
import { SYSTEM_MANAGERS } from '../../../dockerfile/backing-services';
import type { DockerfileModel } from '../../../dockerfile/model';
import { imagePurpose, isDevelopmentImage } from '../../../dockerfile/start-command';

const TOOLCHAIN = /^(build-essential|build-base|alpine-sdk|gcc|gcc-c\+\+|g\+\+|clang|make|cmake|autoconf|automake|libtool|golang|golang-go|go|rustc|cargo|maven|gradle|default-jdk|default-jdk-headless|openjdk-\d+-jdk(-headless)?|java-\d+-openjdk-devel|openjdk\d+-jdk|musl-dev|linux-headers|.+-dev(-compat)?|.+-devel)$/;

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/toolchain-in-final-stage',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    description: 'Compilers and development packages (`build-essential`, `gcc`, `*-dev`) stay installed in the runtime image.',
    rationale: [
      'The build stage needs compilers and headers; the run stage does not. When they stay in the final image, the release',
      'carries a build environment: it is larger, has more to patch, and makes it tempting to compile or install at run',
      'time, blurring the line between building and running.',
      '',
      'Compile in a builder stage and copy only the results (wheels, binaries, `node_modules`) into a slim final stage, or',
      'remove the packages in the same `RUN` (`apt-get purge`, `apk add --virtual .build-deps … && apk del .build-deps`).',
      'Packages removed later are not reported, nor those of a `RUN` that marks everything auto-installed and purges',
      'it again (`apt-mark auto \'.*\' … apt-get purge --auto-remove`), the cleanup idiom of the official images.',
      '',
      'Only application runtimes are judged: an image that starts nothing of its own (a base image, a language image',
      'with `CMD ["python3"]`) or runs a build or code-generation tool (`make`, `protoc`, `buf`, `mvn`) needs its',
      'toolchain and is not reported, nor is a development image (`Dockerfile.dev`, `.devcontainer/`, a last stage `AS',
      'dev`), which builds in place and is not released.',
    ].join('\n'),
    messages: {
      toolchain: 'Build tools left in the runtime image: {{packages}}; build in a separate stage and copy only the artefacts, or remove them after use.',
    },
  },
  check({ model, source, report }) {
    // A development image (`Dockerfile.dev`, a last stage `AS dev`) builds in place and is not released.
    if (imagePurpose(model) !== 'app' || isDevelopmentImage(model, source.uri)) return;
    const runtime = runtimeInstructions(model);
    const removed = removedPackages(model, runtime);
    for (const instruction of runtime) {
      if (instruction.getKeyword() !== 'RUN' || purgesAutoInstalled(model, instruction)) continue;
      const byCommand = new Map<unknown, InstalledPackage[]>();
      for (const pkg of installedPackages(model, [instruction])) {
        if (!SYSTEM_MANAGERS.has(pkg.manager) || !TOOLCHAIN.test(pkg.name) || removed.has(pkg.name)) continue;
        if (virtualGroupRemoved(pkg, removed)) continue;
        const list = byCommand.get(pkg.command) ?? [];
        list.push(pkg);
        byCommand.set(pkg.command, list);
      }
      for (const list of byCommand.values()) {
        const names = list.map((p) => `\`${p.name}\``);
        const packages = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
        report({ messageId: 'toolchain', data: { packages }, range: list[0].word.range });
      }
    }
  },
});

/** `apt-mark auto '.*' > /dev/null; … apt-get purge -y --auto-remove` in one RUN: what it installed for the build is gone again. */
function purgesAutoInstalled(model: DockerfileModel, instruction: Instruction): boolean {
  let marked = false;
  for (const command of model.commandLine(instruction)?.commands ?? []) {
    const words = effectiveWords(command).map((w) => w.value);
    if (words[0] === 'apt-mark' && words[1] === 'auto') marked = true;
    else if (marked && /^apt(-get)?$/.test(words[0] ?? '') && (words.includes('--auto-remove') || words[1] === 'autoremove') && words.some((w) => w === 'purge' || w === 'autoremove' || w === 'remove')) return true;
  }
  return false;
}

/** Names given to `apt-get purge/remove`, `apk del`, `yum/dnf remove` anywhere in the runtime stages. */
function removedPackages(model: DockerfileModel, runtime: Instruction[]): Set<string> {
  const removed = new Set<string>();
  for (const instruction of runtime) {
    if (instruction.getKeyword() !== 'RUN') continue;
    for (const command of model.commandLine(instruction)?.commands ?? []) {
      const words = effectiveWords(command);
      const program = programOf(words);
      const vi = verbIndex(words);
      const verb = words[vi]?.value;
      const removes = ((program === 'apt-get' || program === 'apt') && (verb === 'purge' || verb === 'remove' || verb === 'autoremove'))
        || (program === 'apk' && verb === 'del')
        || (['yum', 'dnf', 'microdnf', 'zypper'].includes(program) && (verb === 'remove' || verb === 'erase' || verb === 'rm'));
      if (!removes) continue;
      for (const w of words.slice(vi + 1)) if (!w.value.startsWith('-')) removed.add(w.value.replace(/^([^=:]*)[=:].*$/, '$1'));
    }
  }
  return removed;
}

/** `apk add --virtual .build-deps gcc …` later followed by `apk del .build-deps`. */
function virtualGroupRemoved(pkg: InstalledPackage, removed: Set<string>): boolean {
  if (pkg.manager !== 'apk') return false;
  const words = pkg.command.words;
  const i = words.findIndex((w) => w.value === '--virtual' || w.value === '-t' || w.value.startsWith('--virtual='));
  if (i < 0) return false;
  const name = words[i].value.startsWith('--virtual=') ? words[i].value.slice(10) : words[i + 1]?.value;
  return !!name && removed.has(name);
}
