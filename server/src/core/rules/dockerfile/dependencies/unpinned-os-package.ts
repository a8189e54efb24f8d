import { defineDockerfileRule } from '../../../rule';
import { declaresVersion, installedPackages, type InstalledPackage } from '../../../dockerfile/packages';
import { spanOf } from '../../../dockerfile/instructions';

const OS_MANAGERS = new Set(['apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);

/** Words that are not package names from a repository: files, URLs, groups, virtual names, module streams. */
function isRepositoryPackage(pkg: InstalledPackage): boolean {
  const v = pkg.word.value;
  return !/[/:]/.test(v) && !/\.(deb|rpm|apk)$/.test(v) && !v.startsWith('@') && !v.startsWith('.') && !v.includes('*');
}

const LABEL: Record<string, string> = { apt: 'apt-get', apk: 'apk', yum: 'yum', dnf: 'dnf', microdnf: 'microdnf', zypper: 'zypper' };

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/unpinned-os-package',
    factor: 'dependencies',
    defaultSeverity: 'hint',
    offByDefault:
      'pinning every OS package to an exact version breaks rebuilds whenever the distribution mirror drops that version (hadolint DL3008 is the check teams disable most); a pinned base image (dependencies/unpinned-base-image) already fixes what the image is built from.',
    description: 'OS packages are installed into the final image without a version (`apt-get install curl`, `apk add git`).',
    rationale: [
      'An explicit dependency declaration names versions. `apt-get install curl` installs whatever the mirror offers on',
      'the day of the build, so two builds of one commit can ship different libraries. Pinning (`curl=7.88.1-10+deb12u5`,',
      '`git=2.43.0-r0`, `nginx-1.24.0`) makes the change visible in review, at the cost of updating the pins when the',
      'distribution drops a version, which is why the rule is off by default (a hint when on): turn it on where reproducible images matter,',
      'or pin the base image by digest and let the distribution snapshot do the pinning.',
      '',
      'Only the stages that make up the final image are checked (a builder stage\'s tools do not ship), one finding per',
      'install command. Local package files, URLs, globs and names built from variables are not judged. Corresponds to',
      'hadolint DL3008 (apt), DL3018 (apk), DL3033 (yum), DL3037 (zypper) and DL3041 (dnf); their ignore comments apply.',
    ].join('\n'),
    messages: {
      unpinned: '{{packages}} installed by `{{manager}}` without a version ({{names}}); the final image gets whatever the mirror has that day.',
    },
    hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3037', 'DL3041'],
    anchors: [
      { tool: 'hadolint', id: 'DL3008' }, { tool: 'hadolint', id: 'DL3018' }, { tool: 'hadolint', id: 'DL3033' },
      { tool: 'hadolint', id: 'DL3037' }, { tool: 'hadolint', id: 'DL3041' },
    ],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const byCommand = new Map<unknown, InstalledPackage[]>();
    for (const pkg of installedPackages(model, model.inheritedInstructions(stage))) {
      if (!OS_MANAGERS.has(pkg.manager) || !isRepositoryPackage(pkg) || declaresVersion(pkg)) continue;
      const list = byCommand.get(pkg.command) ?? [];
      list.push(pkg);
      byCommand.set(pkg.command, list);
    }
    for (const list of byCommand.values()) {
      const names = list.slice(0, 4).map((p) => `\`${p.name}\``).join(', ') + (list.length > 4 ? ', …' : '');
      report({ messageId: 'unpinned', data: { packages: list.length === 1 ? '1 package' : `${list.length} packages`, manager: LABEL[list[0].manager], names }, range: spanOf(list[0].word, list[list.length - 1].word) });
    }
  },
});
