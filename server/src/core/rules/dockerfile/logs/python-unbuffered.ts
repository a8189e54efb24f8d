import { defineDockerfileRule } from '../../../rule';
import { baseImageOf, isPython, officialName, startInfo } from '../../../dockerfile/start-command';

/** Python servers and tools whose output goes through Python's stdout buffer. */
const PYTHON_PROGRAMS = /^(python(\d+(\.\d+)?)?|gunicorn|uvicorn|hypercorn|daphne|celery|flask|django-admin|manage\.py|waitress-serve|streamlit|dramatiq|rq|huey_consumer(\.py)?|.*\.py)$/;
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
    ].join('\n'),
    messages: {
      buffered: 'Python buffers stdout when it is not a terminal; set `ENV PYTHONUNBUFFERED=1` (or run `python -u`) so logs stream as they happen.',
    },
    fix: 'safe',
  },
  check({ model, source, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    // Python: "If this is set to a non-empty string it is equivalent to -u" (so `0` enables it too).
    const value = model.envOf(stage).get('PYTHONUNBUFFERED')?.value;
    if (value !== undefined && value !== '') return;
    const info = startInfo(model);
    const commands = info?.commands.filter((c) => c.words.length > 0) ?? [];
    // `python -u …` (or `-u` combined, e.g. `-uB`) before the script or module.
    if (commands.some((c) => isPython(c.program) && c.command.words.some((w) => /^-[a-zA-Z]*u[a-zA-Z]*$/.test(w.value)))) return;
    const base = baseImageOf(stage);
    const pythonImage = base !== undefined && PYTHON_IMAGE.test(officialName(base.name));
    const pythonCommand = info?.main && PYTHON_PROGRAMS.test(info.main.program) ? info.main : undefined;
    if (!pythonImage && !pythonCommand) return;
    // A Python base image that runs something else entirely (a compiled binary) is not Python output.
    if (pythonImage && info?.main && !pythonCommand && /^(\.?\/|\/)/.test(info.main.words[0].value) && !/\.py$/.test(info.main.program)) return;
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
