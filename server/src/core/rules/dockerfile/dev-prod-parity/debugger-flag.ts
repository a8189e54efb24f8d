import { defineDockerfileRule } from '../../../rule';
import type { Range } from '../../../types';
import { isDevelopmentImage, startInfo } from '../../../dockerfile/start-command';
import { commandsOf, programOf, runtimeInstructions } from '../../../dockerfile/instructions';
import { effectiveWords } from '../../../dockerfile/shell';

/** PHP's extension installers and the Xdebug extension word they take (`xdebug`, `xdebug-3.3.2`, `xdebug@3.3.2`). */
const PHP_EXTENSION_INSTALLERS = new Set(['docker-php-ext-enable', 'install-php-extensions']);
const XDEBUG = /^xdebug([-@][\d.]+)?$/;

const FLAG = /(^|\s)(--inspect(-brk|-wait)?(=\S*)?|-agentlib:jdwp\S*|-Xrunjdwp\S*|-Xdebug)(?=\s|$)/;
const JAVA_OPTIONS_ENV = /^(JAVA_TOOL_OPTIONS|JAVA_OPTS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|CATALINA_OPTS|JAVA_OPTIONS|MAVEN_OPTS|GRADLE_OPTS|[A-Z0-9_]*_JAVA_OPTS|NODE_OPTIONS)$/;

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/debugger-flag',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'The start command or its environment enables a debugger (`--inspect`, `-agentlib:jdwp`, `debugpy`, `dlv`), or the image loads PHP\'s Xdebug.',
    rationale: [
      'A debugger agent changes how the process runs (it may wait for a client, disables optimisations, keeps',
      'a listening socket open) and lets anyone who reaches its port run code in the process. Shipping it in the',
      'production image means production differs from what the tests ran, and it opens a remote-code-execution hole.',
      '',
      'Enable debuggers only in a development target or a `Dockerfile.dev` (such files are not reported, nor is a last',
      'stage named as a development target, `AS debug` or `AS dev`, after the stages a release is built from), or pass the',
      'flag at run time for a deliberate debugging session (`NODE_OPTIONS`, `JAVA_TOOL_OPTIONS`).',
      '',
      "PHP's Xdebug counts too when a RUN of the image enables it (`docker-php-ext-enable xdebug`, `install-php-extensions",
      "xdebug`): every PHP process then loads the debugger. Installing it in a builder stage is not reported.",
    ].join('\n'),
    messages: {
      flag: '`{{flag}}` enables a debugger in the production image; enable it only in a development build or at run time.',
      program: '`{{program}}` runs the app under a debugger; start the app directly in the production image.',
      env: '`{{name}}` enables a debugger (`{{flag}}`) in the production image; set it only for a debugging session.',
      extension: '`{{program}}` loads the Xdebug debugger into the production image; install it only in a development build.',
    },
  },
  check({ model, source, report }) {
    if (isDevelopmentImage(model, source.uri)) return;
    // `docker-php-ext-enable xdebug` (or mlocati's `install-php-extensions xdebug`) in a RUN of the image: PHP then
    // loads the debugger in every process, php-fpm's workers included.
    for (const run of runtimeInstructions(model)) {
      if (run.getKeyword() !== 'RUN') continue;
      for (const command of commandsOf(model.commandLine(run))) {
        const words = effectiveWords(command);
        const program = programOf(words);
        if (!PHP_EXTENSION_INSTALLERS.has(program)) continue;
        const xdebug = words.find((w, i) => i > 0 && XDEBUG.test(w.value));
        if (xdebug) report({ messageId: 'extension', data: { program }, range: xdebug.range });
      }
    }
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
