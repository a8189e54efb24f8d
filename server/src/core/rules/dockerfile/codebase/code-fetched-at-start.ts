import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { gitVerbIndex, programOf, spanOf, startCommands } from '../../../dockerfile/instructions';

const VERBS = new Set(['clone', 'pull', 'fetch', 'checkout', 'reset', 'switch']);

export default defineDockerfileRule({
  meta: {
    id: 'codebase/code-fetched-at-start',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'The container runs git (clone, pull, checkout) when it starts, so the code it runs is not the code in the image.',
    rationale: [
      'An image is a release: one build of one commit. A start command that clones or pulls from a repository replaces',
      'that release with whatever the branch holds at the moment the container starts, so two replicas started a minute',
      'apart can run different code, and a rollback to an older image does not roll the code back.',
      '',
      'Build the code into the image from the build context and start it directly. To ship a change, build and deploy',
      'a new image.',
      '',
      'Not reported: git commands in RUN instructions (build time), git verbs that do not fetch or switch code (`git',
      'log`, `git config`), and git calls inside scripts the start command runs.',
    ].join('\n'),
    messages: {
      gitAtStart: '`git {{verb}}` at start changes the code after the release was built; bake the code into the image and deploy a new image instead.',
    },
  },
  check({ model, report }) {
    for (const { commands } of startCommands(model)) {
      for (const command of commands) {
        const words = effectiveWords(command);
        if (programOf(words) !== 'git') continue;
        const vi = gitVerbIndex(words);
        if (vi < 0 || !VERBS.has(words[vi].value)) continue;
        report({ messageId: 'gitAtStart', data: { verb: words[vi].value }, range: spanOf(words[0], words[vi]) });
      }
    }
  },
});
