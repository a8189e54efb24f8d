import { defineDockerfileRule } from '../../../rule';
import { variablesOf } from '../../../dockerfile/start-command';

export default defineDockerfileRule({
  meta: {
    id: 'port-binding/expose-invalid-format',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: '`EXPOSE` names a host address or host port (`EXPOSE 8080:80`, `EXPOSE 0.0.0.0:80`) or a port outside 1–65535.',
    rationale: [
      'A twelve-factor app exports its service by binding a port inside its own container; which host port or address',
      'reaches it is decided where it runs (`docker run -p`, a Kubernetes Service), not in the image. `EXPOSE` only',
      'documents container ports: a `host:container` pair or an IP address there is not honoured, and a port outside',
      '1–65535 cannot be bound at all.',
      '',
      'Write the container port alone (`EXPOSE 80`, `EXPOSE 53/udp`) and map it at run time. Ports built from variables',
      'are checked after expanding known defaults; unknown ones are skipped. Corresponds to hadolint DL3011 and BuildKit',
      'ExposeInvalidFormat.',
    ].join('\n'),
    messages: {
      hostPart: '`EXPOSE {{value}}` includes a host part; an image only declares its container port (`EXPOSE {{port}}`), the host side is chosen at run time.',
      range: '`EXPOSE {{value}}`: port {{port}} is outside 1–65535 and cannot be bound.',
    },
    hadolint: ['DL3011'],
    anchors: [{ tool: 'hadolint', id: 'DL3011' }, { tool: 'BuildKit', id: 'ExposeInvalidFormat' }],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      let values: Map<string, string | undefined> | undefined;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'EXPOSE') continue;
        values ??= variablesOf(model, stage);
        for (const arg of instruction.getArguments()) {
          const raw = arg.getValue();
          const expanded = model.expand(raw, values);
          if (expanded === undefined || expanded === '') continue;
          const proto = expanded.replace(/\/(tcp|udp|sctp)$/i, '');
          const colon = proto.lastIndexOf(':');
          if (colon >= 0) {
            report({ messageId: 'hostPart', data: { value: raw, port: expanded.slice(colon + 1) }, range: arg.getRange() });
            continue;
          }
          const m = /^(\d+)(?:-(\d+))?$/.exec(proto);
          if (!m) continue;
          const bad = [m[1], m[2]].find((p) => p !== undefined && (Number(p) < 1 || Number(p) > 65535));
          if (bad !== undefined) report({ messageId: 'range', data: { value: raw, port: bad }, range: arg.getRange() });
        }
      }
    }
  },
});
