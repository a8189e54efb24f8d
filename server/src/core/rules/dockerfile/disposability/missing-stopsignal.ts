import { defineDockerfileRule } from '../../../rule';
import { baseImageOf, officialName, startInfo } from '../../../dockerfile/start-command';
import { readEntrypointScript, scriptMainCommand } from '../../../build-context';

/** Servers whose graceful stop is another signal than SIGTERM, which makes them stop at once. */
function gracefulSignal(program: string, words: string[]): { server: string; signal: string } | undefined {
  if (program === 'nginx' || program === 'openresty') return { server: program, signal: 'SIGQUIT' };
  if (/^php-?fpm(\d+(\.\d+)?)?$/.test(program)) return { server: program, signal: 'SIGQUIT' };
  if (program === 'httpd' || program === 'apache2' || program === 'httpd-foreground' || ((program === 'apachectl' || program === 'apache2ctl') && words.includes('FOREGROUND'))) {
    return { server: program, signal: 'SIGWINCH' };
  }
  return undefined;
}

/** Base images that already declare the right STOPSIGNAL (official nginx, php-fpm, httpd and their families). */
const SIGNALLING_IMAGES = /(^|\/)(nginx|openresty|nginx-unprivileged|httpd|apache2?|php-fpm|php)([-_.:]|$)|^(nginxinc|bitnami|openresty)\//;

export default defineDockerfileRule({
  meta: {
    id: 'disposability/missing-stopsignal',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'nginx, php-fpm or Apache httpd runs as the main process without the `STOPSIGNAL` that makes it stop gracefully.',
    rationale: [
      'Docker and Kubernetes stop a container with `SIGTERM`. nginx and php-fpm treat `SIGTERM` as "stop now" and drop the',
      'requests in flight; their graceful shutdown is `SIGQUIT`. Apache httpd stops gracefully on `SIGWINCH`. A process',
      'that cannot finish its work when stopped makes every deploy and scale-down visible to users.',
      '',
      'Declare the graceful signal with `STOPSIGNAL` in the final stage, as the official images do. Images based on the',
      'official nginx, php (fpm) or httpd images already inherit it and are not reported. An entrypoint script that ends',
      'with `exec nginx …` (read when the build context holds it) makes nginx the main process the same way.',
    ].join('\n'),
    messages: {
      missing: '`{{server}}` stops abruptly on SIGTERM; add `STOPSIGNAL {{signal}}` so it finishes in-flight requests on shutdown.',
      inScript: '`{{script}}` ends with `exec {{server}}`, which stops abruptly on SIGTERM; add `STOPSIGNAL {{signal}}` so it finishes in-flight requests on shutdown.',
    },
    fix: 'safe',
  },
  check({ model, source, report, buildContext }) {
    const info = startInfo(model);
    const main = info?.main;
    if (!info || !main || model.lastOf(info.stage, 'STOPSIGNAL')) return;
    let wanted = gracefulSignal(main.program, main.words.map((w) => w.value));
    // An entrypoint script that hands its process to the server (`exec nginx -g 'daemon off;'`): the server gets the signal.
    const script = wanted ? undefined : readEntrypointScript(model, buildContext);
    const last = script && scriptMainCommand(script);
    if (last?.exec) wanted = gracefulSignal(last.program, last.words.map((w) => w.value));
    if (!wanted) return;
    const base = baseImageOf(info.stage);
    if (!base || SIGNALLING_IMAGES.test(officialName(base.name))) return;
    const anchor = model.stageOf(main.instruction) === info.stage ? main.instruction : info.stage.instructions[info.stage.instructions.length - 1];
    const line = anchor.getRange().end.line;
    const at = { line, character: source.lineText(line).length };
    report({
      messageId: script ? 'inScript' : 'missing',
      data: { ...wanted, script: script?.script.contextPath ?? '' },
      range: main.words[0].range,
      fix: { title: `Add STOPSIGNAL ${wanted.signal}`, edits: [{ range: { start: at, end: at }, newText: `${source.eol}${source.indentOf(anchor.getRange().start.line)}STOPSIGNAL ${wanted.signal}` }] },
    });
  },
});
