import { defineDockerfileRule } from '../../../rule';
import { baseName, copiesDirectory, sourceMatches } from '../../../dockerfile/instructions';
import { MANIFESTS, filesBefore, installCommandOf, type CopiedFile } from '../../../dockerfile/lockfiles';

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/manifest-without-lockfile',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A dependency manifest is copied and installed without its lock file, so versions are resolved afresh at every build.',
    rationale: [
      'A manifest such as `package.json`, `Gemfile`, `composer.json`, `Pipfile`, `pyproject.toml` (Poetry, uv, PDM) or',
      '`Cargo.toml` declares version *ranges*. Only its lock file pins the exact tree. Copying the manifest alone before',
      'the install means every build resolves again and may ship different transitive dependencies than the ones you',
      'tested.',
      '',
      'Commit the lock file and copy it next to the manifest (`COPY package.json package-lock.json ./`, or',
      '`COPY package*.json ./`), then install from it (`npm ci`, `bundle install` with frozen config, `poetry install`).',
      '',
      'Not reported: `npm ci` and other npm verbs besides `install`/`i`, `npm`/`yarn`/`pnpm`/`bun` commands that',
      'install named packages, manifests copied together with one of their lock files (or with a glob that matches it),',
      'and stages where another whole directory is copied before the install, since the lock file may come with it.',
    ].join('\n'),
    messages: {
      noLock: '`{{manifest}}` is installed without its lock file ({{locks}}); copy the lock file too so the build installs the versions you tested.',
    },
  },
  check({ model, report }) {
    const reported = new Set<CopiedFile['range']>();
    for (const instruction of model.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const installs = (model.commandLine(instruction)?.commands ?? []).map(installCommandOf).filter((i) => i !== undefined);
      if (installs.length === 0) continue;
      const files = filesBefore(model, instruction);
      for (const install of installs) {
        if (install.tool === 'npm' && install.verb?.value !== 'install' && install.verb?.value !== 'i') continue; // npm ci fails on its own
        if (['npm', 'yarn', 'pnpm', 'bun'].includes(install.tool) && install.operands.length > 0) continue;
        for (const [manifest, spec] of Object.entries(MANIFESTS)) {
          if (spec.ecosystem !== install.ecosystem) continue;
          const copied = files.filter((f) => baseName(f.value) === manifest);
          if (copied.length === 0) continue;
          const others = files.filter((f) => !copied.includes(f));
          const hasLock = spec.locks.some((lock) => files.some((f) => sourceMatches(f.value, lock))) || others.some((f) => copiesDirectory(f.value));
          if (hasLock) continue;
          const word = copied[copied.length - 1];
          if (reported.has(word.range)) continue;
          reported.add(word.range);
          report({ messageId: 'noLock', data: { manifest, locks: spec.locks.slice(0, 3).join(', ') + (spec.locks.length > 3 ? ', …' : '') }, range: word.range });
        }
      }
    }
  },
});
