import { defineDockerfileRule } from '../../../rule';
import { startCommands } from '../../../dockerfile/instructions';
import { exitOnErrorDisabled, spanRange } from '../../../exit-on-error';

export default defineDockerfileRule({
  meta: {
    id: 'disposability/exit-on-error-disabled-in-image',
    factor: 'disposability',
    defaultSeverity: 'info',
    description: 'The image starts a server told to keep running after a failed start (`--exit-on-error=false`).',
    rationale: [
      'A disposable process fails fast: when it cannot do its job it exits, and the platform restarts it, reschedules it',
      'or holds the rollout. `--exit-on-error=false` (Triton Inference Server) keeps the server listening after a model',
      'or backend failed to load, so every container made from this image looks started even when it cannot serve, and',
      'only a readiness check on the server\'s readiness endpoint can tell.',
      '',
      'Drop the flag from `CMD`/`ENTRYPOINT`, or keep it only where every deploy probes readiness. Info severity: the',
      'deploy (a Kubernetes readiness probe, see `disposability/exit-on-error-disabled`) may make up for it.',
      '',
      'Not reported: the flag at its default or set to true, a `HEALTHCHECK` in the image (unless',
      '`--strict-readiness=false` makes it pass anyway), flags in `RUN` steps and in build stages that are not the',
      'runtime image.',
    ].join('\n'),
    messages: {
      disabled: '`{{flag}}` keeps the server running after a failed start; let it exit so the platform restarts it.',
      relaxed: '`{{flag}}` with `--strict-readiness=false` keeps the server running and ready after a failed start; let it exit so the platform restarts it.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const healthcheck = model.lastOf(stage, 'HEALTHCHECK');
    const checked = !!healthcheck && !/^\s*NONE\s*$/i.test(healthcheck.getRawArgumentsContent() ?? '');
    for (const { commands } of startCommands(model)) {
      for (const command of commands) {
        const found = exitOnErrorDisabled(command.words);
        if (!found || (checked && !found.readinessRelaxed)) continue;
        report({ messageId: found.readinessRelaxed ? 'relaxed' : 'disabled', data: { flag: found.text }, range: spanRange(found) });
      }
    }
  },
});
