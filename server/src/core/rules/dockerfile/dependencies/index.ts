/** Dockerfile rules of the dependencies factor. Add each new rule module here. */
import type { DockerfileRule } from '../../../rule';
import unpinnedBaseImage from './unpinned-base-image';
import manifestWithoutLockfile from './manifest-without-lockfile';
import npmInstallInsteadOfCi from './npm-install-instead-of-ci';
import lockfileNotEnforced from './lockfile-not-enforced';
import lockRewrittenInBuild from './lock-rewritten-in-build';
import pipeToShell from './pipe-to-shell';
import addRemoteWithoutChecksum from './add-remote-without-checksum';
import healthcheckToolMissing from './healthcheck-tool-missing';
import verificationDisabled from './verification-disabled';
import updateWithoutInstall from './update-without-install';
import unpinnedOsPackage from './unpinned-os-package';
import unpinnedLanguagePackage from './unpinned-language-package';

export const dependenciesRules: DockerfileRule[] = [
  unpinnedBaseImage,
  manifestWithoutLockfile,
  npmInstallInsteadOfCi,
  lockfileNotEnforced,
  lockRewrittenInBuild,
  pipeToShell,
  addRemoteWithoutChecksum,
  healthcheckToolMissing,
  verificationDisabled,
  updateWithoutInstall,
  unpinnedOsPackage,
  unpinnedLanguagePackage,
];
