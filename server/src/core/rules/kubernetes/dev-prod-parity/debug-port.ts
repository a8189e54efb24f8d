import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { basename, containerCommand } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

const DEBUG_PORTS = new Set([9229, 9230, 5005]);
/**
 * Port names that say debugger: Skaffold's debug mode names the ports it opens `jdwp` (Java), `dlv` (Go), `devtools`
 * (Node) and `dap` (Python); the others are the debuggers' own names. Not `debug` alone (see the rationale).
 */
const DEBUGGER_PORT_NAME = /^(jdwp|dlv|delve|devtools|dap|debugpy|debugger|inspect|inspector)([-_.]|\d|$)/i;

const DEBUG_FLAG = /^(--inspect(-brk|-wait)?(=.*)?|-agentlib:jdwp=.*|-Xrunjdwp:.*|--remote-debug.*)$/;
const JAVA_OPTS = /^(JAVA_TOOL_OPTIONS|JAVA_OPTS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|CATALINA_OPTS|JVM_OPTS)$/;

export default defineKubernetesRule({
  meta: {
    id: 'dev-prod-parity/debug-port',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A container opens a debugger: an inspector/JDWP port, `--inspect`, `-agentlib:jdwp` or `debugpy`.',
    rationale: [
      'A debugger belongs to a developer\'s session, not to the release. Shipped in a manifest it makes the cluster',
      'run differently from what was tested (slower, sometimes paused until a debugger attaches) and it opens a port',
      'that executes arbitrary code for whoever reaches it.',
      '',
      'Remove debug flags and ports from the manifests you release, and attach debuggers with ephemeral tooling',
      '(`kubectl debug`, a local profile of your dev tool) when you need one.',
      '',
      'Not reported: init containers, command lines with a template expression, templated env values, ports other than',
      '9229, 9230 and 5005 unless their name is a debugger\'s (`jdwp`, `dlv`, `devtools`, `dap`, the names Skaffold\'s',
      'debug mode gives them, or `debugger`, `inspector`, `debugpy`, `delve`), and debugger flags in env variables other',
      "than `NODE_OPTIONS` and the JVM option variables. A port named just `debug` is most often a profiling or admin",
      "listener that every build serves (Go's pprof, Contour's on 6060), not a debugger. Each container's command is",
      'reported at most once.',
    ].join('\n'),
    messages: {
      port: 'Container `{{container}}` declares port {{port}}, a debugger port; do not ship debuggers in a release.',
      flag: 'Container `{{container}}` starts with the debugger enabled (`{{flag}}`); do not ship debuggers in a release.',
      env: '`{{name}}` turns on a debugger in container `{{container}}` (`{{flag}}`); do not ship debuggers in a release.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec) continue;
      const doc = object.doc;
      for (const container of object.podSpec.containers) {
        const name = container.name ?? '?';
        for (const port of container.ports) {
          const byNumber = port.containerPort !== undefined && DEBUG_PORTS.has(port.containerPort);
          const byName = !!port.name && DEBUGGER_PORT_NAME.test(port.name);
          if (!byNumber && !byName) continue;
          const range = model.valueRange(port.node, 'containerPort', doc) ?? port.range;
          report({ messageId: 'port', data: { container: name, port: String(port.containerPort ?? port.name) }, range });
        }
        const command = containerCommand(source, container, doc);
        if (command && !command.templated) {
          for (const simple of command.commands) {
            const words = effectiveWords(simple);
            const debugpy = words.findIndex((w, i) => basename(w.value) === 'debugpy' && (i === 0 || words[i - 1].value === '-m'));
            const flag = debugpy >= 0 ? words[debugpy] : words.find((w) => DEBUG_FLAG.test(w.value) || /-agentlib:jdwp|-Xrunjdwp/.test(w.value));
            if (!flag) continue;
            report({ messageId: 'flag', data: { container: name, flag: flag.value.length > 40 ? `${flag.value.slice(0, 37)}…` : flag.value }, range: flag.range });
            break;
          }
        }
        for (const entry of container.env) {
          if (!entry.value || !entry.valueRange || isTemplated(entry.value)) continue;
          const node = entry.name === 'NODE_OPTIONS' && /(^|\s)--inspect/.test(entry.value);
          const java = JAVA_OPTS.test(entry.name) && /-agentlib:jdwp|-Xrunjdwp/.test(entry.value);
          if (!node && !java) continue;
          const flag = entry.value.split(/\s+/).find((w) => /--inspect|jdwp/.test(w)) ?? entry.value;
          report({ messageId: 'env', data: { name: entry.name, container: name, flag: flag.length > 40 ? `${flag.slice(0, 37)}…` : flag }, range: entry.valueRange });
        }
      }
    }
  },
});
