import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { programOf, spanOf, flagsOf } from '../../../dockerfile/instructions';

const DOWNLOADERS = new Set(['curl', 'wget', 'gsutil', 'aws', 'az', 'fetch']);
/** Programs that exit 0 on empty input: downstream of a failed download they hide the failure. */
const ACCEPTS_EMPTY = new Set(['tee', 'sed', 'awk', 'gawk', 'mawk', 'cut', 'head', 'tail', 'tr', 'sort', 'uniq', 'jq', 'yq', 'cat', 'base64', 'xargs', 'dd', 'install', 'cpio', 'envsubst']);

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/pipe-without-pipefail',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A `RUN` pipes a download into a program that succeeds on empty input (`curl … | tee`, `wget -O- | sed …`) without `pipefail`.',
    rationale: [
      'The build stage must fail when it cannot produce the artefact. A shell pipeline reports only the status of its',
      'last command: when `curl` fails (DNS, 404 with `-f`, a reset connection) and the next program happily reads an',
      'empty stream, the layer is built and cached, and the release ships an empty key file or a truncated config.',
      '',
      'Start the script with `set -o pipefail` (bash, or `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` once per stage),',
      'or download to a file first (`curl -fsSLo list … && install -m 644 list /etc/apt/sources.list.d/`). Only pipelines',
      'fed by a downloader and ending in a program that accepts empty input are reported: `curl … | tar xz` and',
      '`curl … | gpg --dearmor` fail by themselves on an empty stream (gpg exits 2: no valid OpenPGP data), and',
      '`curl … | sh` is `dependencies/pipe-to-shell`\'s finding. Narrower than hadolint DL4006, whose ignore comment',
      'applies.',
      '',
      'Not reported: stages whose (inherited) `SHELL` sets `pipefail`, `RUN` lines that mention `pipefail` themselves,',
      'exec-form `RUN`s without a shell script, `aws`/`gsutil`/`az` commands that do not download (`cp`, `cat`,',
      '`download`), and pipelines that end in a program that fails on empty input.',
    ].join('\n'),
    messages: {
      pipe: '`{{from}} … | {{to}}` ignores a failed download, since the pipeline takes the status of `{{to}}`, which succeeds on empty input; add `set -o pipefail`.',
    },
    hadolint: ['DL4006'],
    anchors: [{ tool: 'hadolint', id: 'DL4006' }],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const shells = model.inheritedInstructions(stage, 'SHELL');
      const shellPipefail = shells.length > 0 && /pipefail/.test(model.source.textOf(shells[shells.length - 1].getRange()));
      if (shellPipefail) continue;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'RUN') continue;
        const line = model.commandLine(instruction);
        if (!line?.script || /pipefail/.test(line.script.text)) continue;
        if (flagsOf(instruction).length > 0 && /pipefail/.test(model.source.textOf(instruction.getRange()))) continue;
        const commands = line.commands;
        for (let i = 0; i + 1 < commands.length; i++) {
          if (commands[i].terminator !== '|') continue;
          const upstream = effectiveWords(commands[i]);
          const from = programOf(upstream);
          if (!DOWNLOADERS.has(from)) continue;
          if ((from === 'aws' || from === 'gsutil' || from === 'az') && !upstream.some((w) => w.value === 'cp' || w.value === 'cat' || w.value === 'download')) continue;
          // The end of the pipeline decides its status.
          let j = i + 1;
          while (j + 1 < commands.length && commands[j].terminator === '|') j++;
          const downstream = effectiveWords(commands[j]);
          const to = programOf(downstream);
          if (!ACCEPTS_EMPTY.has(to)) continue;
          report({ messageId: 'pipe', data: { from, to }, range: spanOf(upstream[0], downstream[downstream.length - 1]) });
          i = j;
        }
      }
    }
  },
});
