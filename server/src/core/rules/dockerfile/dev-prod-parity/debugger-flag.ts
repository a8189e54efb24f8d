import { defineDockerfileRule } from '../../../rule';
import type { Range } from '../../../types';
import { isDevelopmentImage, startInfo } from '../../../dockerfile/start-command';

const FLAG = /(^|\s)(--inspect(-brk|-wait)?(=\S*)?|-agentlib:jdwp\S*|-Xrunjdwp\S*|-Xdebug)(?=\s|$)/;
const JAVA_OPTIONS_ENV = /^(JAVA_TOOL_OPTIONS|JAVA_OPTS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|CATALINA_OPTS|JAVA_OPTIONS|MAVEN_OPTS|GRADLE_OPTS|[A-Z0-9_]*_JAVA_OPTS|NODE_OPTIONS)$/;

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/debugger-flag',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'The start command or its environment enables a debugger (`--inspect`, `-agentlib:jdwp`, `debugpy`, `dlv`).',
    rationale: [
      'A debugger agent changes how the process runs (it may wait for a client, disables optimisations, keeps',
      'a listening socket open) and lets anyone who reaches its port run code in the process. Shipping it in the',
      'production image means production differs from what the tests ran, and it opens a remote-code-execution hole.',
      '',
      'Enable debuggers only in a development target or a `Dockerfile.dev` (such files are not reported, nor is a last',
      'stage named as a development target, `AS debug` or `AS dev`, after the stages a release is built from), or pass the',
      'flag at run time for a deliberate debugging session (`NODE_OPTIONS`, `JAVA_TOOL_OPTIONS`).',
    ].join('\n'),
    messages: {
      flag: '`{{flag}}` enables a debugger in the production image; enable it only in a development build or at run time.',
      program: '`{{program}}` runs the app under a debugger; start the app directly in the production image.',
      env: '`{{name}}` enables a debugger (`{{flag}}`) in the production image; set it only for a debugging session.',
    },
  },
  check({ model, source, report }) {
    if (isDevelopmentImage(model, source.uri)) return;
    const info = startInfo(model);
    if (!info) return;
    for (const command of info.commands) {
      if (command.program === 'debugpy' || command.program === 'dlv' || command.program === 'ptvsd') {
        report({ messageId: 'program', data: { program: command.program }, range: command.words[0].range });
        continue;
      }
      for (const word of command.command.words) {
        const m = FLAG.exec(word.value);
        if (!m || m.index !== 0) continue;
        report({ messageId: 'flag', data: { flag: m[2].split('=')[0].split(',')[0] }, range: word.range });
      }
    }
    for (const variable of model.envOf(info.stage).values()) {
      if (!JAVA_OPTIONS_ENV.test(variable.name)) continue;
      const m = FLAG.exec(variable.value);
      if (!m) continue;
      const flag = m[2];
      const written = source.textOf(variable.valueRange);
      const at = written.indexOf(flag);
      const range: Range = at >= 0 ? source.rangeOf(source.offsetAt(variable.valueRange.start) + at, source.offsetAt(variable.valueRange.start) + at + flag.length) : variable.valueRange;
      report({ messageId: 'env', data: { name: variable.name, flag: flag.split('=')[0].split(',')[0] }, range });
    }
  },
});
