import { defineDockerfileRule } from '../../../rule';
import { copyPaths, flagOf } from '../../../dockerfile/instructions';

const GIT_SOURCE = /^(git@|git:\/\/|ssh:\/\/)|\.git(#.*)?$|\.git#/i;

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/add-remote-without-checksum',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: '`ADD <url>` downloads a file without `--checksum`, so nothing verifies what was fetched.',
    rationale: [
      'A file downloaded during the build is a dependency, and a dependency should be declared exactly. `ADD https://…`',
      'takes whatever the server returns today: a re-published release, a compromised mirror or a changed "latest" URL',
      'silently becomes part of your image.',
      '',
      'Add `--checksum=sha256:<digest>` (Dockerfile syntax 1.6+), or download with `curl` and verify with',
      '`sha256sum -c` in the same `RUN`. Git sources are left to `codebase/git-clone-in-build`.',
      '',
      'Not reported: ADD instructions with a `--checksum` flag, local sources, Git repository sources (`.git` URLs,',
      '`git@`, `ssh://`), and downloads made with `curl` or `wget` in a RUN.',
    ].join('\n'),
    messages: {
      noChecksum: '`ADD {{url}}` is not verified; add `--checksum=sha256:<digest>` so a changed download fails the build.',
    },
  },
  check({ model, report }) {
    for (const instruction of model.instructionsOf('ADD')) {
      if (flagOf(instruction, 'checksum')) continue;
      for (const source of copyPaths(model, instruction).sources) {
        if (!/^https?:\/\//i.test(source.value) || GIT_SOURCE.test(source.value)) continue;
        const url = source.value.length > 70 ? `${source.value.slice(0, 67)}...` : source.value;
        report({ messageId: 'noChecksum', data: { url }, range: source.range });
      }
    }
  },
});
