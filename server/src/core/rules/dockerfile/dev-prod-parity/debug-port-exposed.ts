import { defineDockerfileRule } from '../../../rule';
import { exposedPorts, isDevelopmentImage } from '../../../dockerfile/start-command';

const DEBUG_PORTS: Record<number, string> = {
  9229: 'the Node.js inspector',
  9230: 'the Node.js inspector',
  5005: 'the Java debugger (JDWP)',
  5678: 'debugpy',
  2345: 'the Delve debugger',
  35729: 'LiveReload',
  24678: 'the Vite HMR server',
  4024: 'the Visual Studio remote debugger',
};

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/debug-port-exposed',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'The final image exposes a debugger or live-reload port (9229, 5005, 5678, 2345, 35729 …).',
    rationale: [
      'A debugger port is a development tool: whoever reaches it can pause the process and run arbitrary code in it.',
      'Baking one into the production image makes production behave unlike the environment it was tested in, and an',
      'accidentally published debug port is a remote-code-execution hole.',
      '',
      'Remove the debug port from the final stage. Attach debuggers in a development target, a `Dockerfile.dev` (such',
      'files are not reported, nor is a last stage named as a development target, `AS debug` or `AS dev`) or through `kubectl port-forward` to a purpose-built debug image.',
    ].join('\n'),
    messages: {
      debugPort: 'EXPOSE {{port}} is the port of {{tool}}; keep debugger ports out of the production image.',
    },
  },
  check({ model, source, report }) {
    if (isDevelopmentImage(model, source.uri)) return;
    const stage = model.finalStage;
    if (!stage) return;
    for (const port of exposedPorts(model, stage)) {
      const tool = port.number !== undefined ? DEBUG_PORTS[port.number] : undefined;
      if (tool) report({ messageId: 'debugPort', data: { port: port.number!, tool }, range: port.range });
    }
  },
});
