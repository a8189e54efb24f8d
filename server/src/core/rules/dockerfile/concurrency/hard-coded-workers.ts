import { defineDockerfileRule } from '../../../rule';
import { spanOf, startInfo } from '../../../dockerfile/start-command';
import { readEntrypointScript, scriptMainCommand } from '../../../build-context';
import type { ShellWord } from '../../../dockerfile/shell';

/** Worker-count options per server program. */
const WORKER_OPTIONS: Record<string, { long: string[]; short: string[] }> = {
  gunicorn: { long: ['--workers'], short: ['-w'] },
  uvicorn: { long: ['--workers'], short: [] },
  hypercorn: { long: ['--workers'], short: ['-w'] },
  puma: { long: ['--workers'], short: ['-w'] },
  uwsgi: { long: ['--processes', '--workers'], short: ['-p'] },
  celery: { long: ['--concurrency'], short: ['-c'] },
  sidekiq: { long: ['--concurrency'], short: ['-c'] },
  dramatiq: { long: ['--processes'], short: ['-p'] },
};

/** Each worker count of more than one written as a number after one of the server's options, in order. */
function workerOptions(spec: { long: string[]; short: string[] }, words: readonly ShellWord[]): { option: string; count: string; from: ShellWord; to: ShellWord }[] {
  const out: { option: string; count: string; from: ShellWord; to: ShellWord }[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const v = w.value;
    let count: string | undefined;
    let end = w;
    let option = v;
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0 && spec.long.includes(v.slice(0, eq))) {
      option = v.slice(0, eq);
      count = v.slice(eq + 1);
    } else if (spec.long.includes(v) || spec.short.includes(v)) {
      count = words[i + 1]?.value;
      end = words[i + 1] ?? w;
    } else {
      const m = /^(-[a-zA-Z])(\d+)$/.exec(v);
      if (m && spec.short.includes(m[1])) {
        option = m[1];
        count = m[2];
      }
    }
    // One worker (or puma's single mode, `-w 0`) is one process per container, scaled by replicas: what this rule
    // asks for, and what some servers require (Flask-SocketIO under gunicorn's eventlet worker).
    if (count !== undefined && /^\d+$/.test(count) && Number(count) > 1) out.push({ option, count, from: w, to: end });
  }
  return out;
}

export default defineDockerfileRule({
  meta: {
    id: 'concurrency/hard-coded-workers',
    factor: 'concurrency',
    defaultSeverity: 'info',
    description: 'The start command fixes the number of worker processes (`gunicorn -w 4`, `celery -c 8`) instead of reading it from the environment.',
    rationale: [
      'How many workers a process should fork depends on where it runs: the CPU and memory limit of the container,',
      'and how many replicas the platform runs. A number written into the image is right for one machine and wrong for',
      'the others, and changing it means rebuilding the image.',
      '',
      'Read the count from the environment, for example `gunicorn -w ${WEB_CONCURRENCY:-2}` (or let the server read',
      '`WEB_CONCURRENCY` itself), and scale out mainly by adding replicas of the process.',
      '',
      'Not reported: a count of one (`--workers 1`, and puma\'s single mode `-w 0`): one process per container, scaled by',
      'replicas, is what this rule asks for, and some servers require it (Flask-SocketIO under gunicorn\'s eventlet worker);',
      'counts that come from a variable (`-w ${WEB_CONCURRENCY:-2}`) or are otherwise not a plain number,',
      'servers not on the known list (gunicorn, uvicorn, hypercorn, puma, uwsgi, celery, sidekiq, dramatiq), and worker',
      "options outside the final image's start command. The server an entrypoint script ends with (`exec gunicorn app.wsgi",
      '--workers 4`) is judged too, when the build context was read; the finding then sits on the script\'s name.',
    ].join('\n'),
    messages: {
      hardCoded: '`{{option}} {{count}}` fixes the worker count in the image; read it from the environment (such as `$WEB_CONCURRENCY`) and scale with replicas.',
      inScript: '`{{script}}` starts the server with `{{option}} {{count}}`, fixing the worker count in the image; read it from the environment (such as `$WEB_CONCURRENCY`) and scale with replicas.',
    },
  },
  check({ model, report, buildContext }) {
    const info = startInfo(model);
    if (!info) return;
    let server = false;
    for (const command of info.commands) {
      const spec = WORKER_OPTIONS[command.program];
      if (!spec) continue;
      server = true;
      for (const found of workerOptions(spec, command.words)) report({ messageId: 'hardCoded', data: { option: found.option, count: found.count }, range: spanOf(found.from, found.to) });
    }
    // The server an entrypoint script ends with (orimi's `exec gunicorn app.wsgi --workers 4`), when the caller read it.
    const read = server ? undefined : readEntrypointScript(model, buildContext);
    const main = read && scriptMainCommand(read);
    const spec = main && WORKER_OPTIONS[main.program];
    const found = spec && workerOptions(spec, main.words)[0];
    if (read && found) {
      report({
        messageId: 'inScript',
        data: { script: read.script.contextPath, option: found.option, count: found.count },
        range: read.script.range,
        related: [{ uri: read.file.uri, range: spanOf(found.from, found.to), message: `\`${found.option} ${found.count}\` is set here.` }],
      });
    }
  },
});
