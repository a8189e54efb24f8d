import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { programOf, spanOf, verbIndex } from '../../../dockerfile/instructions';

const UPDATE: Record<string, string[]> = { 'apt-get': ['update'], apt: ['update'], apk: ['update'], yum: ['makecache'], dnf: ['makecache'], zypper: ['refresh', 'ref'] };
const INSTALL: Record<string, string[]> = {
  'apt-get': ['install', 'upgrade', 'dist-upgrade', 'build-dep', 'source', 'download'],
  apt: ['install', 'upgrade', 'full-upgrade', 'dist-upgrade'],
  apk: ['add', 'upgrade', 'fix', 'fetch'],
  yum: ['install', 'update', 'upgrade', 'groupinstall', 'reinstall'],
  dnf: ['install', 'update', 'upgrade', 'groupinstall', 'reinstall'],
  zypper: ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch'],
};

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/update-without-install',
    factor: 'dependencies',
    defaultSeverity: 'info',
    description: 'A `RUN` refreshes the package index (`apt-get update`, `apk update`) without installing anything in the same layer.',
    rationale: [
      'A package index refreshed in a layer of its own is cached by the builder: the next build reuses that old index,',
      'and a later `apt-get install` either fails (the mirror dropped the version the index names) or installs',
      'packages from a different day than the Dockerfile suggests. The dependency set then depends on the build cache.',
      '',
      'Refresh and install in one `RUN` (`apt-get update && apt-get install -y --no-install-recommends …`). The rule is',
      'silent when the same `RUN` installs or upgrades with that package manager, and when a heredoc or script does the',
      'install (it cannot see into scripts). Corresponds to Checkov CKV_DOCKER_5.',
      '',
      'Not reported: an update followed by an install, upgrade or similar command of the same package manager family in',
      'the same RUN, and RUN instructions that also do other work (a script that may install), except for harmless',
      'helpers such as `set`, `rm`, `echo` and `apt-key`.',
    ].join('\n'),
    messages: {
      alone: '`{{command}}` refreshes the package index in a layer that installs nothing, so the cached index goes stale; install in the same `RUN`.',
    },
    anchors: [{ tool: 'Checkov', id: 'CKV_DOCKER_5' }],
  },
  check({ model, report }) {
    for (const instruction of model.instructionsOf('RUN')) {
      const commands = model.commandLine(instruction)?.commands ?? [];
      const updates: { program: string; range: ReturnType<typeof spanOf> }[] = [];
      const installs = new Set<string>();
      let other = false;
      for (const command of commands) {
        const words = effectiveWords(command);
        const program = programOf(words);
        const v = verbIndex(words);
        const verb = v >= 0 ? words[v].value : '';
        const family = program === 'apt' ? 'apt-get' : program === 'dnf' ? 'yum' : program;
        if (UPDATE[program]?.includes(verb)) updates.push({ program: family, range: spanOf(words[0], words[v]) });
        else if (INSTALL[program]?.includes(verb)) installs.add(family);
        else if (program && !['set', 'rm', 'echo', 'true', 'apt-cache', 'apt-key', 'cat'].includes(program)) other = true;
      }
      // A RUN that does other work (a script that may install) is not judged.
      if (other) continue;
      for (const update of updates) {
        if (installs.has(update.program)) continue;
        report({ messageId: 'alone', data: { command: model.source.textOf(update.range) }, range: update.range });
      }
    }
  },
});
