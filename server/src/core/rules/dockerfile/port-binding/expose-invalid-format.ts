import { defineDockerfileRule } from '../../../rule';
import { baseImageOf, officialName, variablesOf } from '../../../dockerfile/start-command';
import type { Stage } from '../../../dockerfile/model';

/**
 * Official language, distribution, web server and distroless images: their environment names versions and paths,
 * never a port, so a `*PORT*` variable the Dockerfile does not declare is empty in them.
 */
const PORTLESS_BASES = /^(node|python|pypy|golang|alpine|debian|ubuntu|busybox|eclipse-temurin|openjdk|amazoncorretto|ibm-semeru-runtimes|ruby|rust|php|perl|elixir|erlang|gradle|maven|bash|nginx|httpd|gcr\.io\/distroless\/[a-z0-9_.-]+|cgr\.dev\/chainguard\/[a-z0-9_.-]+)$/;
/** A lone variable reference: `$X_PORT`, `${X_PORT}`. */
const LONE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** The `*PORT*` variable `value` names alone when nothing declares it and the stage's base image sets no port variable. */
function undeclaredPort(value: string, values: Map<string, string | undefined>, stage: Stage): string | undefined {
  const m = LONE_VARIABLE.exec(value);
  const name = m ? (m[1] ?? m[2]) : undefined;
  if (!name || !/PORT/i.test(name) || values.has(name)) return undefined;
  const base = baseImageOf(stage);
  return base && PORTLESS_BASES.test(officialName(base.name)) ? name : undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'port-binding/expose-invalid-format',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: '`EXPOSE` names a host address or host port (`EXPOSE 8080:80`, `EXPOSE 0.0.0.0:80`), a port outside 1–65535, or a port variable nothing declares.',
    rationale: [
      'A twelve-factor app exports its service by binding a port inside its own container; which host port or address',
      'reaches it is decided where it runs (`docker run -p`, a Kubernetes Service), not in the image. `EXPOSE` only',
      'documents container ports: a `host:container` pair or an IP address there is not honoured, and a port outside',
      '1–65535 cannot be bound at all.',
      '',
      'Write the container port alone (`EXPOSE 80`, `EXPOSE 53/udp`) and map it at run time. Ports built from variables',
      'are checked after expanding known defaults. A port that is a lone `*PORT*` variable no ARG or ENV declares',
      '(`EXPOSE ${LLM_PORT}`, set only in a compose `.env` the build never sees) expands to nothing, so the image',
      'declares no port; it is reported on official language, distribution and web server images, whose environment',
      'holds no port variable (on other images the base may set it, and it is skipped, as are other unknown values).',
      'Corresponds to hadolint DL3011 and BuildKit ExposeInvalidFormat (and UndefinedVar for the undeclared variable).',
    ].join('\n'),
    messages: {
      hostPart: '`EXPOSE {{value}}` includes a host part; an image only declares its container port (`EXPOSE {{port}}`), the host side is chosen at run time.',
      range: '`EXPOSE {{value}}`: port {{port}} is outside 1–65535 and cannot be bound.',
      undeclared: '`EXPOSE {{value}}` declares no port: no ARG or ENV sets `{{name}}`, so Docker expands it to nothing; declare `ARG {{name}}=<port>` before it.',
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
          if (expanded === undefined) {
            const name = undeclaredPort(raw, values, stage);
            if (name) report({ messageId: 'undeclared', data: { value: raw, name }, range: arg.getRange() });
            continue;
          }
          if (expanded === '') continue;
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
