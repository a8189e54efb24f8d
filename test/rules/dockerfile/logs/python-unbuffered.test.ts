import rule from '../../../../server/src/core/rules/dockerfile/logs/python-unbuffered';
import { testRule } from '../../../helpers/rule-tester';

const REQUIREMENTS_APP = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
const requirements = (text: string) => ({ files: { 'requirements.txt': { uri: 'file:///app/requirements.txt', text } } });

/** dapr quickstarts' hello-kubernetes app.py, shortened: each print flushes itself. */
const FLUSHING_APP = `import requests, time
n = 0
while True:
    n += 1
    try:
        r = requests.post(url, json={"n": n}, timeout=5)
        if not r.ok:
            print("HTTP %d => %s" % (r.status_code,
                                     r.text), flush=True)
    except Exception as e:
        print(e, flush=True)
    time.sleep(1)
`;
const STARTS_APP = 'FROM python:3.12-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install requests==2.32.3\nCMD ["python", "app.py"]\n';
const appPy = (text: string) => ({ files: { 'app.py': { uri: 'file:///p/app.py', text } } });

testRule(rule, {
  valid: [
    { name: 'the started script flushes every print itself (dapr quickstarts)', code: STARTS_APP, buildContext: appPy(FLUSHING_APP) },
    { name: 'a Flask app started as a script: its server logs through logging to stderr', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\nCOPY app.py .\nCMD ["python", "app.py"]\n' },
    {
      name: 'Flask from the requirements file the image installs (awesome-compose flask samples)',
      code: REQUIREMENTS_APP,
      buildContext: requirements('# web\nFlask==2.0.1 ; python_version >= "3.7"\nredis>=4\n'),
    },
    {
      name: 'Flask from a requirements file copied with the whole context into a folder of its own',
      code: 'FROM python:3.10-alpine AS builder\nWORKDIR /src\nCOPY . .\nRUN pip3 install -r requirements.txt --no-cache-dir\nENTRYPOINT ["python3"]\nCMD ["server.py"]\n',
      buildContext: requirements('flask\npymongo\n'),
    },
    {
      // opentelemetry-demo's llm: the requirements are installed into a virtualenv in a stage of its own.
      name: 'Flask from the requirements a virtualenv stage installs, the virtualenv copied into the image',
      code: 'FROM python:3.12-alpine AS build-venv\nCOPY ./src/llm/requirements.lock.txt requirements.lock.txt\nRUN python -m venv venv && \\\n    venv/bin/pip install --no-cache-dir --require-hashes -r requirements.lock.txt\nFROM python:3.12-alpine\nCOPY --from=build-venv /venv/ /venv/\nWORKDIR /app\nCOPY ./src/llm/app.py app.py\nENTRYPOINT ["/venv/bin/python", "app.py"]\n',
      buildContext: { files: { 'src/llm/requirements.lock.txt': { uri: 'file:///repo/src/llm/requirements.lock.txt', text: 'flask==3.1.2 \\\n    --hash=sha256:6d5d\nopenai==1.99.9 \\\n    --hash=sha256:f2f1\n' } } },
    },
    { name: 'Flask installed in a stage whose packages the image copies', code: 'FROM python:3.12 AS deps\nRUN pip install --prefix=/install flask==3.0.3\nFROM python:3.12-slim\nCOPY --from=deps /install /usr/local\nCOPY app.py .\nCMD ["python", "app.py"]\n' },
    { name: 'PYTHONUNBUFFERED set (legacy syntax)', code: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'any non-empty value enables it, even 0 (as Python documents)', code: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=0\nCMD ["python", "main.py"]\n' },
    { name: 'python -u', code: 'FROM python:3.12-slim\nCMD ["python", "-u", "main.py"]\n' },
    { name: 'Python only in the builder, Go binary at run time', code: 'FROM python:3.12 AS docs\nRUN pip install mkdocs && mkdocs build\nFROM nginx:1.27-alpine\nCOPY --from=docs /site /usr/share/nginx/html\n' },
    { name: 'base image without a start command of its own', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir poetry==1.8.3\n' },
    { name: 'gunicorn logs through logging to stderr', code: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "-b", ":8080", "app:app"]\n' },
    { name: 'gunicorn started as a module', code: 'FROM python:3.12-slim\nCMD ["python", "-m", "gunicorn", "app:app"]\n' },
    { name: 'uvicorn server', code: 'FROM python:3.12-slim\nCMD exec uvicorn main:app --host 0.0.0.0 --port $PORT\n' },
    { name: 'set in the parent stage', code: 'FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nFROM base\nCMD ["uvicorn", "main:app"]\n' },
    { name: 'aiohttp serving the app', code: REQUIREMENTS_APP, buildContext: { files: { 'requirements.txt': { uri: 'file:///app/requirements.txt', text: 'aiohttp==3.9.5\naiogram==3.4\n' }, 'app.py': { uri: 'file:///app/app.py', text: 'from aiohttp import web\\napp = web.Application()\\nweb.run_app(app)\\n' } } } },
    { name: 'aiohttp with the started script unknown', code: REQUIREMENTS_APP, buildContext: requirements('aiohttp==3.9.5\n') },
    {
      // curiousdev-io/aws-lambda-container-images: entry.py hands over to `python -m awslambdaric`, which flushes every write.
      name: "a custom Lambda image that runs AWS Lambda's runtime interface client",
      code: 'FROM cgr.dev/chainguard/python:latest-dev AS builder\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --target ./packages -r requirements.txt && \\\n    pip install --target ./packages awslambdaric\nCOPY --chmod=755 entry.py /app/entry.py\nFROM cgr.dev/chainguard/python:latest AS runtime\nWORKDIR /var/task\nCOPY --from=builder /app/packages /var/task\nCOPY --from=builder /app/entry.py /entry.py\nENTRYPOINT ["python", "/entry.py"]\nCMD ["lambda_function.handler"]\n',
    },
    {
      // Yani464/TranslComets (review set 84): an aiogram bot that logs through `logging` (stderr) and prints nothing.
      name: 'the started script prints nothing and logs through logging',
      code: STARTS_APP,
      buildContext: appPy('import logging\nfrom aiogram import Bot\n\nlogging.basicConfig(level=logging.INFO)\nlogging.info("started")\n'),
    },
  ],
  invalid: [
    {
      name: 'python image without the variable',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCMD ["python", "main.py"]\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 22, messageId: 'buffered' }],
      output: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nWORKDIR /app\nCMD ["python", "main.py"]\n',
    },
    {
      name: 'CRLF, ARG image, continued FROM',
      code: 'ARG PY=3.12\r\nFROM python:${PY}-slim \\\r\n  AS app\r\nENV PYTHONDONTWRITEBYTECODE=1\r\nCMD ["python", "app.py"]\r\n',
      errors: [{ line: 2, column: 6 }],
      output: 'ARG PY=3.12\r\nFROM python:${PY}-slim \\\r\n  AS app\r\nENV PYTHONUNBUFFERED=1\r\nENV PYTHONDONTWRITEBYTECODE=1\r\nCMD ["python", "app.py"]\r\n',
    },
    {
      name: 'explicitly emptied: no fix (someone chose it)',
      code: 'FROM python:3.12-alpine\nENV PYTHONUNBUFFERED=""\nCMD ["python3", "worker.py"]\n',
      errors: [{ line: 1, column: 6 }],
      output: null,
    },
    {
      name: 'a module run by the interpreter',
      code: 'FROM python:3.12-slim\nCMD ["python", "-m", "shop.worker"]\n',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "-m", "shop.worker"]\n',
    },
    {
      name: 'a requirements file without a web framework: the script prints',
      code: REQUIREMENTS_APP,
      buildContext: requirements('requests==2.32.3\n-e git+https://example.com/flask.git#egg=flask\n# flask is not used here\n'),
      errors: [{ line: 1, column: 6 }],
      output: REQUIREMENTS_APP.replace('FROM python:3.11-slim\n', 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1\n'),
    },
    {
      name: 'the requirements file unknown (build context not read): reported as before',
      code: REQUIREMENTS_APP,
      errors: [{ line: 1, column: 6 }],
      output: REQUIREMENTS_APP.replace('FROM python:3.11-slim\n', 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1\n'),
    },
    {
      name: 'a framework installed only in a stage the image copies nothing from',
      code: 'FROM python:3.12 AS test\nRUN pip install flask pytest\nFROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      errors: [{ line: 3, column: 6 }],
      output: 'FROM python:3.12 AS test\nRUN pip install flask pytest\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'python command on a debian base',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\nCMD python3 /srv/app.py\n',
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: 'FROM debian:bookworm-slim\nENV PYTHONUNBUFFERED=1\nRUN apt-get update && apt-get install -y python3\nCMD python3 /srv/app.py\n',
    },
    {
      name: 'one print of the started script does not flush',
      code: STARTS_APP,
      buildContext: appPy(FLUSHING_APP.replace('print(e, flush=True)', 'print(e)')),
      errors: [{ line: 1, column: 6, messageId: 'buffered' }],
      output: 'FROM python:3.12-alpine\nENV PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY . .\nRUN pip install requests==2.32.3\nCMD ["python", "app.py"]\n',
    },
    {
      // akshayballal95/telegrambot: aiohttp is the bot library's HTTP client; the bot prints.
      name: 'aiohttp as a client of a bot that prints',
      code: REQUIREMENTS_APP,
      buildContext: { files: { 'requirements.txt': { uri: 'file:///app/requirements.txt', text: 'aiohttp==3.9.5\naiogram==3.4\n' }, 'app.py': { uri: 'file:///app/app.py', text: 'import asyncio\\nfrom aiogram import Bot\\nprint(\"Bot started...\")\\n' } } },
      errors: [{ line: 1, column: 6, messageId: 'buffered' }],
      output: 'FROM python:3.11-slim\nENV PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'the started script prints nothing, and configures logging to stdout',
      code: STARTS_APP,
      buildContext: appPy('import logging, sys\nlogging.basicConfig(stream=sys.stdout, level=logging.INFO)\nlogging.info("started")\n'),
      errors: [{ line: 1, column: 6, messageId: 'buffered' }],
      output: 'FROM python:3.12-alpine\nENV PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY . .\nRUN pip install requests==2.32.3\nCMD ["python", "app.py"]\n',
    },
  ],
});
