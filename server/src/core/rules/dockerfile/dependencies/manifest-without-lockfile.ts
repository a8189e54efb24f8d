import { defineDockerfileRule } from '../../../rule';
import { MANIFESTS, copiedBefore, installCommandOf, runsOnlyWithAbsentLock, type CopiedFile } from '../../../dockerfile/lockfiles';
import { TOOL_LOCKS } from '../../../dockerfile/manifests';

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
      'and stages where another whole directory is copied before the install, since the lock file may come with it. The',
      'lock must be one the installing tool reads: `COPY package*.json ./` brings `package-lock.json`, which `yarn` and',
      '`pnpm` ignore. Nor an install in the branch of an `if [ -f <lock> ]` chain whose lock file the image does not hold',
      "(the Next.js example's `if [ -f yarn.lock ]; then yarn ...; elif [ -f package-lock.json ]; then npm ci; ...`, when",
      'the build context holds only package-lock.json): that branch never runs.',
    ].join('\n'),
    messages: {
      noLock: '`{{manifest}}` is installed without a lock file ({{locks}}), so each build resolves versions afresh; commit the lock file (generate it if the project has none) and copy it next to the manifest.',
    },
  },
  check({ model, report, buildContext }) {
    const reported = new Set<CopiedFile['range']>();
    for (const instruction of model.instructionsOf('RUN')) {
      const commands = model.commandLine(instruction)?.commands ?? [];
      const installs = commands.map((command) => ({ command, install: installCommandOf(command) }));
      if (!installs.some(({ install }) => install !== undefined)) continue;
      const files = copiedBefore(model, instruction, buildContext);
      for (const { command, install } of installs) {
        if (!install || runsOnlyWithAbsentLock(commands, command, files)) continue;
        if (install.tool === 'npm' && install.verb?.value !== 'install' && install.verb?.value !== 'i') continue; // npm ci fails on its own
        if (['npm', 'yarn', 'pnpm', 'bun'].includes(install.tool) && install.operands.length > 0) continue;
        for (const [manifest, spec] of Object.entries(MANIFESTS)) {
          if (spec.ecosystem !== install.ecosystem) continue;
          // Named, or brought by a glob (`COPY package*.json ./`).
          const word = files.lastNamed(manifest) ?? files.lastMatching(manifest);
          if (!word) continue;
          // The locks this tool reads: `COPY package*.json ./` brings package-lock.json, which `yarn` does not read.
          const locks = TOOL_LOCKS[install.tool] ?? spec.locks;
          const hasLock = locks.some((lock) => files.has(lock)) || files.directoryBeside(word);
          if (hasLock) continue;
          if (reported.has(word.range)) continue;
          reported.add(word.range);
          report({ messageId: 'noLock', data: { manifest, locks: locks.slice(0, 3).join(', ') + (locks.length > 3 ? ', …' : '') }, range: word.range });
        }
      }
    }
  },
});
