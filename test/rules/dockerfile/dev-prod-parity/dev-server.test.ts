import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/dev-server';
import { testRule } from '../../../helpers/rule-tester';

/** A React app whose image starts `npm start` (docker/awesome-compose's react-express-mongodb frontend). */
const REACT = 'FROM node:20-alpine\nWORKDIR /usr/src/app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nEXPOSE 3000\nCMD ["npm", "start"]\n';
const packageJson = (scripts: string) => ({ files: { 'package.json': { uri: 'file:///w/package.json', text: `{\n  "name": "frontend",\n  "scripts": {\n${scripts}\n  }\n}\n` } } });

/** A Flask app started as a script (opentelemetry-demo's llm, as reviewed). */
const FLASK = 'FROM python:3.12-alpine\nWORKDIR /app\nCOPY ./src/llm/app.py app.py\nENTRYPOINT [ "/venv/bin/python", "app.py" ]\n';
const script = (text: string) => ({ files: { 'src/llm/app.py': { uri: 'file:///repo/src/llm/app.py', text } } });
/** An entrypoint script `boot.sh` started by the image (AgungWiyono/microblog-instagram, review set 88). */
const BOOT = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY boot.sh app.py ./\nRUN pip install gunicorn==22.0.0\nENTRYPOINT ["./boot.sh"]\n';
const bootScript = (text: string) => ({ files: { 'boot.sh': { uri: 'file:///repo/boot.sh', text } } });

testRule(rule, {
  valid: [
    { name: 'next start is the production server', code: 'FROM node:20-alpine\nCMD ["npx", "next", "start"]\n' },
    { name: 'dev server only in the builder', code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a Dockerfile.dev is for development', filename: 'Dockerfile.dev', code: 'FROM node:20\nCMD ["npx", "nodemon", "server.js"]\n' },
    { name: 'npm start whose script starts the production server', code: REACT, buildContext: packageJson('    "start": "node server.js",\n    "dev": "nodemon server.js"') },
    { name: 'npm start, package.json unknown (context not read)', code: REACT },
    { name: 'npm start with no start script in package.json', code: REACT, buildContext: packageJson('    "build": "react-scripts build"') },
    {
      name: 'a Flask script served by waitress',
      code: FLASK,
      buildContext: script('from flask import Flask\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    from waitress import serve\n    serve(app, host="0.0.0.0", port=8080)\n'),
    },
    { name: 'a script that does not import Flask', code: FLASK, buildContext: script('import asyncio\nfrom myframework import App\napp = App()\nif __name__ == "__main__":\n    app.run(port=8080)\n') },
    { name: 'a Flask script, the script not read', code: FLASK },
    { name: 'uvicorn without --reload', code: 'FROM python:3.12-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload-delay", "0.5"]\n' },
    {
      name: "Keycloak's optimised production image (its documentation's Dockerfile)",
      code: 'FROM quay.io/keycloak/keycloak:26.0 AS builder\nENV KC_DB=postgres\nRUN /opt/keycloak/bin/kc.sh build\n\nFROM quay.io/keycloak/keycloak:26.0\nCOPY --from=builder /opt/keycloak/ /opt/keycloak/\nENTRYPOINT ["/opt/keycloak/bin/kc.sh"]\nCMD ["start", "--optimized"]\n',
    },
    { name: 'start-dev as the argument of another image', code: 'FROM example/keycloak-config-cli:6.1.6\nCMD ["start-dev"]\n' },
    { name: "the FastAPI CLI's production mode", code: 'FROM python:3.12-slim\nEXPOSE 80\nCMD ["fastapi", "run", "app/main.py", "--port", "80"]\n' },
    { name: 'an entrypoint script that migrates, then serves with gunicorn', code: BOOT, buildContext: bootScript('#!/bin/sh\nflask db upgrade\nexec gunicorn -b 0.0.0.0:8000 main:app\n') },
    { name: 'an entrypoint script started by a development image', code: BOOT, filename: 'Dockerfile.dev', buildContext: bootScript('#!/bin/sh\nexec gunicorn --reload main:app\n') },
    { name: 'the Nest CLI without --watch is no development server (build-at-start reports its compile)', code: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["npx", "nest", "start"]\n' },
  ],
  invalid: [
    {
      name: 'npm start whose script is react-scripts start',
      code: REACT,
      buildContext: packageJson('    "start": "react-scripts start",\n    "build": "react-scripts build"'),
      errors: [{ line: 7, column: 6, endLine: 7, endColumn: 20, messageId: 'viaScript', message: '`npm start` runs `react-scripts start` (package.json)' }],
    },
    {
      name: 'yarn run serve whose script is vue-cli-service serve, package.json copied by name',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nCOPY . .\nCMD yarn run serve\n',
      buildContext: packageJson('    "serve": "cross-env NODE_ENV=development vue-cli-service serve --port 8080"'),
      errors: [{ line: 6, column: 5, messageId: 'viaScript', message: '`yarn run serve` runs `vue-cli-service serve`' }],
    },
    {
      name: 'npm run dev',
      code: 'FROM node:20-alpine\nCMD ["npm", "run", "dev"]\n',
      errors: [{ line: 2, column: 6, endLine: 2, endColumn: 25, messageId: 'devServer', message: '`npm run dev`' }],
    },
    {
      name: 'uvicorn --reload via python -m',
      code: 'FROM python:3.12-slim\nCMD python -m uvicorn main:app --reload --host 0.0.0.0\n',
      errors: [{ line: 2, column: 32, endColumn: 40, message: '`uvicorn … --reload` is a development server' }],
    },
    {
      name: 'manage.py runserver after exec in sh -c',
      code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py migrate && exec python manage.py runserver 0.0.0.0:8000"]\n',
      errors: [{ line: 2, column: 52, endColumn: 78, message: 'runserver' }],
    },
    {
      name: 'flask run with bundle of env',
      code: 'FROM python:3.12-slim\r\nENV FLASK_APP=app.py\r\nCMD ["flask", "run", "--host=0.0.0.0"]\r\n',
      errors: [{ line: 3, column: 6, endColumn: 20, message: '`flask run`' }],
    },
    {
      name: 'a Flask script that ends in app.run(debug=True)',
      code: FLASK,
      buildContext: script('import os\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return jsonify(ok=True)\n\nif __name__ == "__main__":\n    port = int(os.environ.get("LLM_PORT", 8000))\n    app.run(host="0.0.0.0",\n            port=port, debug=True)\n'),
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 42, messageId: 'flaskDebug', message: '`/venv/bin/python app.py` serves the app with Flask\'s development server and its debugger (`app.run()` with debug=True in src/llm/app.py)' }],
    },
    {
      name: 'a Flask app made by a factory, run without debug',
      code: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "-u", "main.py"]\n',
      buildContext: { files: { 'main.py': { uri: 'file:///w/main.py', text: 'from flask import Flask\nfrom shop import create_app\n\napp = create_app()\napp.run(host="0.0.0.0", port=8080)\n' } } },
      errors: [{ line: 5, column: 6, endColumn: 31, messageId: 'flaskRun', message: '`python -u main.py` serves the app with Flask' }],
    },
    {
      name: "start-dev handed to the entry point of Keycloak's image",
      code: 'FROM quay.io/keycloak/keycloak:26.0\nCOPY themes/ /opt/keycloak/themes/\nCMD ["start-dev", "--http-port=8080"]\n',
      errors: [{ line: 3, column: 6, endColumn: 17, messageId: 'devServer', message: '`start-dev` is a development server' }],
    },
    {
      name: 'kc.sh start-dev as the entry point, on a stage built from Keycloak',
      code: 'FROM quay.io/keycloak/keycloak:26.0 AS base\nFROM base\nENTRYPOINT ["/opt/keycloak/bin/kc.sh", "start-dev"]\n',
      errors: [{ line: 3, column: 13, endColumn: 51, message: '`/opt/keycloak/bin/kc.sh start-dev`' }],
    },
    {
      name: 'start-dev after an ENTRYPOINT that is kc.sh',
      code: 'FROM registry.example.com/iam/custom-keycloak:3\nENTRYPOINT ["/opt/keycloak/bin/kc.sh"]\nCMD ["start-dev"]\n',
      errors: [{ line: 3, column: 6, endColumn: 17, message: '`start-dev`' }],
    },
    {
      name: 'a chain of pass-through entry points hands over to the CMD (Adminer: entrypoint.sh, then docker-php-entrypoint)',
      code: 'FROM php:8.3-cli-alpine\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh", "docker-php-entrypoint"]\nCMD ["php", "-S", "[::]:8080", "-t", "/var/www/html"]\n',
      errors: [{ line: 4, column: 6, endColumn: 17, message: '`php -S`' }],
    },
    {
      name: "the FastAPI CLI's development mode (reloads on changes)",
      code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["fastapi", "dev", "app/main.py", "--host", "0.0.0.0"]\n',
      errors: [{ line: 3, column: 6, endColumn: 22, message: '`fastapi dev`' }],
    },
    {
      name: 'an entrypoint script that ends by starting gunicorn with --reload (microblog-instagram)',
      code: BOOT,
      buildContext: bootScript('#!/bin/sh\nflask db upgrade\nexec gunicorn -b 0.0.0.0:8000 --reload main:app\n'),
      errors: [{ line: 5, column: 13, endColumn: 24, messageId: 'inScript', message: 'The entrypoint script boot.sh ends by starting `gunicorn -b 0.0.0.0:8000 --reload`' }],
    },
    {
      name: "an entrypoint script that ends with Flask's development server",
      code: BOOT,
      buildContext: bootScript('#!/bin/bash\nset -e\nexec flask run --host 0.0.0.0\n'),
      errors: [{ line: 5, column: 13, messageId: 'inScript', message: '`flask run`' }],
    },
    {
      // georas94/symfony_docker_aws (review set 97): the Symfony CLI's local web server as the image's command.
      name: "the Symfony CLI's local server",
      code: 'FROM php:8.3-cli\nWORKDIR /app\nCOPY . .\nCMD symfony server:start --port=80\n',
      errors: [{ line: 4, column: 5, message: '`symfony server:start`' }],
    },
    {
      name: "the Nest CLI's watch mode",
      code: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["npx", "nest", "start", "--watch"]\n',
      errors: [{ line: 5, column: 13, message: '`nest start --watch`' }],
    },
  ],
});
