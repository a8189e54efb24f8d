import { defineDockerfileRule } from '../../../rule';
import type { Range } from '../../../types';
import { isExecForm } from '../../../dockerfile/model';
import { jsonArguments } from '../../../dockerfile/instructions';

const LOG_PATH = /^\/var\/log(\/|$)|(^|\/)(logs?|log-files?)\/?$/i;

export default defineDockerfileRule({
  meta: {
    id: 'logs/log-volume',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'A `VOLUME` is declared for a log directory, so logs are kept as files instead of streamed.',
    rationale: [
      'Declaring a volume for `/var/log` or an app\'s `logs/` directory means the image expects to keep its logs as files',
      'on disk. Those files are not part of the container\'s output stream, so `docker logs`, `kubectl logs` and log',
      'collectors never see them; each anonymous volume is left behind on the host and needs its own rotation.',
      '',
      'Remove the volume and configure the app (and any server in the image) to write to stdout and stderr.',
    ].join('\n'),
    messages: {
      logVolume: '`VOLUME {{path}}` keeps logs in files on a volume; write them to stdout/stderr instead.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    for (const instruction of model.inheritedInstructions(stage, 'VOLUME')) {
      const paths: { value: string; range: Range }[] = (isExecForm(instruction) ? jsonArguments(model, instruction) : undefined) ?? instruction.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
      for (const path of paths) {
        if (LOG_PATH.test(path.value)) report({ messageId: 'logVolume', data: { path: path.value }, range: path.range });
      }
    }
  },
});
