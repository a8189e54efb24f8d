import { defineDockerfileRule } from '../../../rule';
import { baseImageOf, isPython, officialName, startInfo } from '../../../dockerfile/start-command';
import { installedPackages } from '../../../dockerfile/packages';
import { imageStages } from '../../../dockerfile/instructions';
import { requirementFiles, requirementNames, startPythonScript } from '../../../build-context';
import { flushesEveryPrint } from '../../../dockerfile/python-scripts';

const baseNameOf = (word: string) => (word.split('/').pop() ?? word).toLowerCase();

/**
 * Python programs whose own output may go through the stdout buffer: the interpreter running a
 * script or module, and Django's command runner. Servers and workers such as gunicorn, uvicorn,
 * uwsgi, celery or flask log through `logging` to stderr, which is line-buffered (Python 3.9+),
 * so they are left out.
 */
const PYTHON_PROGRAMS = /^(python(\d+(\.\d+)?)?|django-admin|manage\.py|.*\.py)$/;
/** Servers and workers that log through `logging` (stderr), also when started as `python -m <name>`. */
/** Web frameworks whose built-in servers log requests through `logging` (stderr). */
const WEB_FRAMEWORKS = new Set(['flask', 'fastapi', 'django', 'aiohttp', 'tornado', 'sanic', 'quart', 'bottle', 'gradio', 'streamlit']);

/** A script that serves with aiohttp: `from aiohttp import web`, `aiohttp.web`; read line by line. */
function servesWithAiohttp(text: string): boolean {
  if (!text.includes('aiohttp')) return false;
  return text.split('\n').some((line) => line.includes('aiohttp.web') || (/^\s*from\s+aiohttp\s+import\b/.test(line) && /\bweb\b/.test(line)));
}

const LOGGING_SERVERS = /^(gunicorn|uvicorn|hypercorn|daphne|uwsgi|celery|flask|waitress|waitress-serve|streamlit|dramatiq|rq|huey_consumer|granian|gradio|jupyter|jupyterlab|notebook|http\.server|mkdocs|sphinx)$/;
const PYTHON_IMAGE = /^((cimg|bitnami|circleci)\/)?python$|^gcr\.io\/distroless\/python3(-debian\d+)?$|^cgr\.dev\/chainguard\/python$/;

export default defineDockerfileRule({
  meta: {
    id: 'logs/python-unbuffered',
    factor: 'logs',
    defaultSeverity: 'info',
    description: 'A Python image runs without `PYTHONUNBUFFERED=1` or `python -u`, so stdout is block-buffered and log lines arrive late or are lost.',
    rationale: [
      'When stdout is not a terminal, as in a container, Python buffers it in blocks of several kilobytes. Log lines',
      'written with `print` or a stdout handler then reach `docker logs` or the log collector minutes late, out of order',
      'with stderr, or never if the process is killed.',
      '',
      'Set `ENV PYTHONUNBUFFERED=1` in the final stage (or start the interpreter with `python -u`) so every line is an',
      'event in the stream the platform collects as it happens.',
      '',
      'Not reported: images that start no Python program of their own (no `CMD`/`ENTRYPOINT`, as in base and',
      'toolbox images), and servers or workers that log through `logging` to stderr (gunicorn, uvicorn, uwsgi,',
      'celery, flask, streamlit), since stderr is line-buffered, including a script started with `python` in an image',
      'that installs a web framework (`pip install flask`, FastAPI, Django, aiohttp, Tornado, Sanic) whose server logs the',
      'same way, named on the install command or in a requirements file of the build context it installs from',
      '(`pip install -r requirements.txt`, when the linter can read that file), in the final stage or in a stage whose',
      'files it copies (a virtualenv built in a stage of its own); an image that installs AWS Lambda\'s runtime interface',
      'client (`awslambdaric`), which flushes every write as on Lambda\'s own base images; and a script, read from the',
      'build context, whose every `print` passes `flush=True` (or that prints nothing and logs through `logging`, to stderr)',
      'and that writes to stdout no other way.',
    ].join('\n'),
    messages: {
      buffered: 'Python buffers stdout when it is not a terminal; set `ENV PYTHONUNBUFFERED=1` (or run `python -u`) so logs stream as they happen.',
    },
    fix: 'safe',
  },
  check({ model, source, report, buildContext }) {
    const stage = model.finalStage;
    if (!stage) return;
    // Python: "If this is set to a non-empty string it is equivalent to -u" (so `0` enables it too).
    const value = model.envOf(stage).get('PYTHONUNBUFFERED')?.value;
    if (value !== undefined && value !== '') return;
    const info = startInfo(model);
    const commands = info?.commands.filter((c) => c.words.length > 0) ?? [];
    // `python -u …` (or `-u` combined, e.g. `-uB`) before the script or module.
    if (commands.some((c) => isPython(c.program) && c.command.words.some((w) => /^-[a-tv-zA-Z]*u[a-zA-Z]*$/.test(w.value)))) return;
    const base = baseImageOf(stage);
    const pythonImage = base !== undefined && PYTHON_IMAGE.test(officialName(base.name));
    const main = info?.main;
    // `python -m app` runs the module `app` (program `app`); `python -m gunicorn` is gunicorn.
    const viaInterpreter = main !== undefined && main.words !== main.command.words && main.command.words.some((w) => isPython(baseNameOf(w.value)));
    const pythonCommand = main && (PYTHON_PROGRAMS.test(main.program) || (viaInterpreter && !LOGGING_SERVERS.test(main.program))) ? main : undefined;
    // The program the image starts decides: a base image without a start command, a server that logs
    // to stderr or a compiled binary on a Python base is not Python printing to stdout.
    if (!pythonCommand) return;
    // The script the image starts, when the caller read it from the build context.
    const script = startPythonScript(model);
    const scriptFile = script !== undefined ? buildContext?.files?.[script] : undefined;
    // A package whose process writes the logs unbuffered: a web framework's server (through `logging`, to stderr) and
    // AWS Lambda's runtime interface client (`awslambdaric`, which flushes every write, as on Lambda's base images).
    // aiohttp is a client as often as a server (Discord and Telegram bot libraries depend on it): a web framework only
    // when the script serves with it, or when the script is not known.
    const logsUnbuffered = (name: string) =>
      name === 'awslambdaric' || (WEB_FRAMEWORKS.has(name) && (name !== 'aiohttp' || !scriptFile || servesWithAiohttp(scriptFile.text)));
    // A web app started as a script (`python app.py` calling `app.run()`): its server logs through `logging` to stderr too,
    // installed in the image or in a stage whose files it copies (a virtualenv built apart).
    for (const from of imageStages(model)) {
      if (installedPackages(model, model.inheritedInstructions(from)).some((p) => p.manager === 'pip' && logsUnbuffered(p.name.toLowerCase()))) return;
    }
    // … also when the framework comes from a requirements file of the build context (`pip install -r requirements.txt`).
    for (const path of requirementFiles(model)) {
      const file = buildContext?.files?.[path];
      if (file && requirementNames(file.text).some(logsUnbuffered)) return;
    }
    // The script flushes each print itself (`print(…, flush=True)`), or prints nothing and logs to stderr.
    if (scriptFile && flushesEveryPrint(scriptFile.text)) return;
    const fromRange = stage.from.getRange();
    const line = fromRange.end.line;
    const insertAt = { line, character: source.lineText(line).length };
    const indent = source.indentOf(fromRange.start.line);
    report({
      messageId: 'buffered',
      range: pythonImage ? stage.image.range : pythonCommand!.words[0].range,
      // An explicitly emptied variable is someone's choice: report it, but do not override it.
      fix: value !== undefined ? undefined : { title: 'Add ENV PYTHONUNBUFFERED=1', edits: [{ range: { start: insertAt, end: insertAt }, newText: `${source.eol}${indent}ENV PYTHONUNBUFFERED=1` }] },
    });
  },
});
