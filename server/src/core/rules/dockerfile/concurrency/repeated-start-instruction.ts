import { defineDockerfileRule } from '../../../rule';

const KEYWORDS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'] as const;
const HADOLINT: Record<string, string> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' };

export default defineDockerfileRule({
  meta: {
    id: 'concurrency/repeated-start-instruction',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'The final stage declares `CMD`, `ENTRYPOINT` or `HEALTHCHECK` more than once; only the last one counts.',
    rationale: [
      'An image runs one process type, named by its start command. When the final stage declares two `CMD`s (or',
      '`ENTRYPOINT`s), only the last takes effect; a reader, or a platform that picks the process from the Dockerfile,',
      'can take the earlier one for the process the image runs. Two `HEALTHCHECK`s likewise leave only the last.',
      '',
      'Keep one of each. To run different process types from one image, keep one default `CMD` and override the',
      'command where the process is declared (a Procfile entry, the Kubernetes `args`). Earlier stages are not judged:',
      'their start commands never run. Corresponds to hadolint DL4003, DL4004 and DL3012 (their ignore comments apply).',
    ].join('\n'),
    messages: {
      repeated: 'This `{{keyword}}` is overridden by the one on line {{line}}, so it never takes effect; keep one.',
    },
    hadolint: ['DL4003', 'DL4004', 'DL3012'],
    anchors: [{ tool: 'hadolint', id: 'DL4003' }, { tool: 'hadolint', id: 'DL4004' }, { tool: 'hadolint', id: 'DL3012' }],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    for (const keyword of KEYWORDS) {
      const own = stage.instructions.filter((i) => i.getKeyword() === keyword);
      const last = own[own.length - 1];
      for (const instruction of own.slice(0, -1)) {
        const keywordRange = instruction.getInstructionRange();
        report({ messageId: 'repeated', data: { keyword, line: last.getRange().start.line + 1, hadolint: HADOLINT[keyword] }, range: keywordRange });
      }
    }
  },
});
