import { defineDockerfileRule } from '../../../rule';
import { baseName, copyPaths, flagOf, runtimeInstructions } from '../../../dockerfile/instructions';

export default defineDockerfileRule({
  meta: {
    id: 'codebase/copy-git-metadata',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'The `.git` directory is copied into the runtime image.',
    rationale: [
      'The codebase lives in version control; a release is a build of one commit of it, not the repository itself.',
      'Copying `.git` into the image ships the whole history (and anything ever committed by mistake), makes the image',
      'change whenever unrelated refs change, and invites code that reads the repository at run time.',
      '',
      'Leave `.git` out of the final stage: add it to `.dockerignore`, and if the build needs the commit id, pass it',
      'as a build argument or read it in a builder stage and write it to a file or label.',
      '',
      'Not reported: COPY and ADD instructions in build stages the final image does not inherit from, sources whose',
      'last path part is not `.git` (a `.` that copies the whole context is not judged), and `ADD',
      '--keep-git-dir=false`.',
    ].join('\n'),
    messages: {
      copied: '`{{path}}` puts the repository metadata into the runtime image; exclude it (.dockerignore) and pass the commit id as a label instead.',
      keepGitDir: '`--keep-git-dir` keeps the repository metadata in the runtime image; drop the flag.',
    },
    fix: 'unsafe',
  },
  check({ model, source, report }) {
    for (const instruction of runtimeInstructions(model)) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const keep = flagOf(instruction, 'keep-git-dir');
      if (keep && keyword === 'ADD' && (keep.getValue() === null || keep.getValue() === '' || keep.getValue() === 'true')) {
        report({ messageId: 'keepGitDir', range: keep.getRange() });
      }
      const { sources } = copyPaths(model, instruction);
      for (const word of sources) {
        if (baseName(word.value) !== '.git') continue;
        let fix;
        // With other sources left, dropping `.git` from the list is safe; a lone `.git` source is not ours to delete.
        if (sources.length > 1 && !instruction.getArguments()[0]?.getValue().startsWith('[')) {
          const start = source.offsetAt(word.range.start);
          let end = source.offsetAt(word.range.end);
          while (source.text[end] === ' ' || source.text[end] === '\t') end++;
          fix = { title: `Remove ${word.value} from the ${keyword} sources`, edits: [{ range: source.rangeOf(start, end), newText: '' }] };
        }
        report({ messageId: 'copied', data: { path: word.value }, range: word.range, fix });
      }
    }
  },
});
