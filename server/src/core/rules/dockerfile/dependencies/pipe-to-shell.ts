import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { programOf, spanOf } from '../../../dockerfile/instructions';

const INTERPRETERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'python', 'python3', 'perl', 'ruby', 'node', 'php']);
const DOWNLOADERS = new Set(['curl', 'wget']);

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/pipe-to-shell',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A script downloaded during the build is piped straight into an interpreter (`curl … | sh`).',
    rationale: [
      'An installer piped from the network into a shell is a dependency with no declared version and no integrity check:',
      'the script can change between two builds, and a truncated download or a compromised host runs arbitrary code in',
      'your build.',
      '',
      "Prefer the distribution's package or a pinned release binary. If you must run an installer, download it to a file,",
      "verify it (`echo \"<sha256>  install.sh\" | sha256sum -c`), then run it; pin the installer's version where it",
      'accepts one.',
      '',
      'Not reported: downloads piped into a program that is not a shell or script interpreter (`curl … | tar x`), pipes',
      "into `sh -c '…'` (which reads no script from stdin), and scripts that are downloaded to a file first and run in",
      'a separate step.',
    ].join('\n'),
    messages: {
      piped: '`{{downloader}} … | {{interpreter}}` runs an unverified remote script; download it, check its sha256, then run it (or install a pinned package).',
      substituted: '`{{interpreter}} -c "$({{downloader}} …)"` runs an unverified remote script; download it, check its sha256, then run it.',
    },
  },
  check({ model, report }) {
    for (const instruction of model.instructionsOf('RUN')) {
      const commands = model.commandLine(instruction)?.commands ?? [];
      commands.forEach((command, index) => {
        const words = effectiveWords(command);
        const program = programOf(words);
        if (DOWNLOADERS.has(program) && command.terminator === '|') {
          const next = commands[index + 1];
          if (!next) return;
          const nextWords = effectiveWords(next);
          const interpreter = programOf(nextWords);
          if (!INTERPRETERS.has(interpreter)) return;
          // `| sh -c 'tar …'` reads no script from stdin.
          if (nextWords.slice(1).some((w) => w.value === '-c')) return;
          report({ messageId: 'piped', data: { downloader: program, interpreter }, range: spanOf(words[0], nextWords[0]) });
        } else if (INTERPRETERS.has(program)) {
          const c = words.findIndex((w) => /^-[a-z]*c$/.test(w.value));
          const script = c > 0 ? words[c + 1] : undefined;
          const m = script && /\$\(\s*(curl|wget)\b/.exec(script.value);
          if (m) report({ messageId: 'substituted', data: { interpreter: program, downloader: m[1] }, range: spanOf(words[0], script!) });
        }
      });
    }
  },
});
