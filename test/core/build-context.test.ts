// The build-context input of the core (core/build-context.ts): .dockerignore patterns read as Docker
// reads them, in time linear in the file, and the entrypoint script a Dockerfile asks its caller to read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/src/core/rules/dockerfile/disposability/entrypoint-script-without-exec';
import { buildScripts, contextFilesWanted, isIgnored, parseDockerignore, requirementNames, startPackageJson } from '../../server/src/core/build-context';
import { jvmServing } from '../../server/src/core/dockerfile/jvm-build';
import { flaskDevServerRun } from '../../server/src/core/dockerfile/python-scripts';
import { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { SourceText } from '../../server/src/core/source';
import { analyze } from '../../server/src/core/analyze';
import { packageScriptRun, scriptCommands, scriptRange } from '../../server/src/core/dockerfile/package-scripts';

const ABSOLUTE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n';
const CHILD = '#!/bin/sh\nset -e\npython manage.py migrate --noinput\n"$@"\n';
const script = (text: string, path = 'docker-entrypoint.sh') => ({ files: { [path]: { uri: `file:///workspace/${path}`, text } } });

describe('.dockerignore patterns', () => {
  const ignored = (text: string, path: string) => isIgnored(parseDockerignore(text), path);
  it('reads comments, blank lines, exceptions and a BOM', () => {
    assert.equal(ignored('\uFEFF.git\n', '.git'), true);
    assert.equal(ignored('  # .git\n\n', '.git'), false, 'a line starting with # after spaces is a pattern "# .git" that matches nothing');
    assert.equal(ignored('*\n!.git\n', '.git'), false);
    assert.equal(ignored('!.git\n*\n', '.git'), true, 'the last matching pattern decides');
  });
  it('matches parents, ** and cleaned paths', () => {
    assert.equal(ignored('.git\n', '.git/HEAD'), true);
    assert.equal(ignored('**/.git\n', 'a/b/.git'), true);
    assert.equal(ignored('**\n', '.env'), true);
    assert.equal(ignored('./.env/\n', '.env'), true);
    assert.equal(ignored('src/../.env\n', '.env'), true);
    assert.equal(ignored('*/.env\n', '.env'), false);
    assert.equal(ignored('.env.*\n', '.env'), false);
    assert.equal(ignored('.[eg]*\n', '.env.local'), true);
  });
  it('stays linear on long adversarial patterns', () => {
    const text = `${'*'.repeat(20_000)}a\n${'**/'.repeat(5_000)}x\n`;
    const started = Date.now();
    assert.equal(ignored(text, '.git'), false);
    assert.ok(Date.now() - started < 2_000);
  });
});

describe('entrypoint script plumbing', () => {
  it('names the script the caller should read, and the related location', () => {
    const model = new DockerfileModel(new SourceText('file:///w/Dockerfile', ABSOLUTE));
    const wantedOne = contextFilesWanted(model);
    assert.deepEqual({ files: wantedOne.files, sources: wantedOne.sources }, { files: ['docker-entrypoint.sh'], sources: ['docker-entrypoint.sh'] });
    assert.ok(wantedOne.present.includes('package-lock.json'), 'the whole context is copied: its lock files are asked for');
    // Named sources of every stage tell the caller whether the Dockerfile's folder is the context; globs and variables are not asked.
    const multi = new DockerfileModel(new SourceText('file:///w/Dockerfile', 'FROM node:20 AS build\nCOPY package*.json tsconfig.json ./\nCOPY ${SRC} src\nFROM node:20-slim\nWORKDIR /srv\nCOPY --from=build /dist dist\nCOPY ./bin/ ./bin/\nCOPY app.py .\nCMD ["./bin/start.sh"]\n'));
    const wantedMulti = contextFilesWanted(multi);
    // `package*.json` shares its copy with a named file: only a copy of globs alone must find a match (globGroups).
    assert.deepEqual({ ...wantedMulti, present: undefined }, { files: ['bin/start.sh', 'package-lock.json'], sources: ['tsconfig.json', 'bin', 'app.py'], present: undefined, globGroups: [] });
    const globsOnly = contextFilesWanted(new DockerfileModel(new SourceText('file:///w/Dockerfile', 'FROM node:20\nCOPY package*.json yarn.lock* ./\nCOPY src/*.ts src/\nCMD ["node", "server.js"]\n')));
    assert.deepEqual(globsOnly.globGroups, [['package*.json', 'yarn.lock*']]);
    assert.ok(wantedMulti.present.includes('bin/package-lock.json'), 'a folder copied whole may bring lock files');
    const analysis = analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: ABSOLUTE }, { rules: [rule], buildContext: script(CHILD) });
    assert.deepEqual(analysis.findings[0]?.related?.[0], { uri: 'file:///workspace/docker-entrypoint.sh', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }, message: "The script's last command, run without exec." });
  });
  it('finds a script whose copied name holds a variable the Dockerfile gives a value (an ARG default, an ENV)', () => {
    const wanted = (text: string) => contextFilesWanted(new DockerfileModel(new SourceText('file:///w/Dockerfile', text))).files;
    const byArg = 'ARG APP_ENV=production\nFROM python:3.12-slim\nARG APP_ENV\nADD entrypoint-${APP_ENV}.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n';
    assert.deepEqual(wanted(byArg), ['entrypoint-production.sh']);
    assert.deepEqual(wanted('FROM python:3.12-slim\nENV SCRIPTS=docker\nCOPY "${SCRIPTS}"/start.sh /usr/local/bin/\nCMD ["start.sh"]\n'), ['docker/start.sh']);
    // Without a value the build's --build-arg decides: no file is named.
    assert.deepEqual(wanted('FROM python:3.12-slim\nARG APP_ENV\nADD entrypoint-${APP_ENV}.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n'), []);
    const analysis = analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: byArg }, { rules: [rule], buildContext: script(CHILD, 'entrypoint-production.sh') });
    assert.equal(analysis.findings[0]?.related?.[0]?.uri, 'file:///workspace/entrypoint-production.sh');
  });
});

describe('scripts a build runs', () => {
  it('names the context scripts the final image\'s RUN instructions run, from WORKDIR or through a shell, and a glob\'s folder', () => {
    const model = new DockerfileModel(new SourceText('file:///w/Dockerfile', 'FROM alpine:3.20 AS tools\nCOPY tools/ /tools/\nRUN /tools/make.sh\nFROM alpine:3.20\nWORKDIR /app\nCOPY docker ./docker\nCOPY ./conf/*.conf /etc/app/\nRUN ./docker/build/finalize.sh && sh docker/build/users.sh\nRUN setup.sh && $SCRIPT\nCMD ["/app/server"]\n'));
    const wanted = contextFilesWanted(model);
    assert.deepEqual(buildScripts(model).map((s) => s.contextPath), ['docker/build/finalize.sh', 'docker/build/users.sh'], 'not the other stage\'s, not a name on the PATH nobody copied');
    assert.ok(wanted.files.includes('docker/build/finalize.sh') && wanted.files.includes('docker/build/users.sh'));
    assert.ok(wanted.sources.includes('conf'), 'a glob names the folder it matches in');
  });
});

describe('pip requirement files', () => {
  const wanted = (text: string) => contextFilesWanted(new DockerfileModel(new SourceText('file:///w/Dockerfile', text))).files;
  it('asks for the requirements file an install of the final image reads, where a copy from the context put it', () => {
    assert.deepEqual(wanted('FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n'), ['requirements.txt']);
    assert.deepEqual(wanted('FROM python:3.12-slim\nWORKDIR /src\nCOPY . .\nRUN python -m pip install --requirement=deps/base.txt -rdeps/extra.txt\n'), ['deps/base.txt', 'deps/extra.txt']);
    assert.deepEqual(wanted('FROM python:3.12-slim AS build\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\nCMD ["python", "app.py"]\n'), [], 'an earlier stage installs it, not the final image');
    assert.deepEqual(wanted('FROM python:3.12-slim\nRUN pip install -r /tmp/requirements.txt\n'), [], 'no copy from the context wrote it');
    assert.deepEqual(wanted('FROM python:3.12-alpine AS venv\nWORKDIR /build\nCOPY src/llm/requirements.txt ./\nRUN python -m venv /venv && /venv/bin/pip install -r requirements.txt\nFROM python:3.12-alpine\nCOPY --from=venv /venv /venv\nCMD ["/venv/bin/python", "app.py"]\n'), ['src/llm/requirements.txt'], 'a stage whose virtualenv the image copies');
  });
  it('asks for the Gradle or Maven build files where the stages that build the image run the build tool', () => {
    assert.deepEqual(wanted('FROM gradle:8-jdk17 AS builder\nWORKDIR /usr/src/app/\nCOPY ./src/fraud-detection/ ./\nRUN gradle shadowJar\nFROM eclipse-temurin:17-jre\nCOPY --from=builder /usr/src/app/build/libs/app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n'), ['src/fraud-detection/build.gradle.kts', 'src/fraud-detection/build.gradle']);
    assert.deepEqual(wanted('FROM eclipse-temurin:21-jdk AS build\nWORKDIR /src\nCOPY mvnw pom.xml ./\nCOPY .mvn .mvn\nRUN ./mvnw -B package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /src/target/app.jar /app.jar\n'), ['pom.xml']);
    assert.deepEqual(wanted('FROM maven:3.9 AS build\nWORKDIR /src\nCOPY . .\nRUN mvn -f service/pom.xml package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /src/service/target/app.jar /app.jar\n'), [], 'the tool is pointed elsewhere');
    assert.deepEqual(wanted('FROM maven:3.9 AS tests\nCOPY pom.xml .\nRUN mvn test\nFROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n'), [], 'a stage the image copies nothing from');
    assert.deepEqual(wanted('FROM alpine\nCOPY . .\nRUN constructor build && __proto__ x\n'), [], 'only the build tools\' own names');
  });
  it('asks for the scripts run in a stage whose node_modules the image copies (one may remove them)', () => {
    assert.deepEqual(
      wanted('FROM node:20 AS build\nWORKDIR /opt/app\nCOPY . .\nRUN yarn install\nRUN script/build/cleanup.sh\nFROM node:20-slim\nCOPY --from=build /opt/app /opt/app\nCMD ["node", "/opt/app/server.js"]\n'),
      ['package.json', 'script/build/cleanup.sh'],
    );
  });
  it('asks for the Python script the image starts, and finds Flask\'s development server in it', () => {
    assert.deepEqual(wanted('FROM python:3.12-alpine\nWORKDIR /app\nCOPY ./src/llm/app.py app.py\nENTRYPOINT ["/venv/bin/python", "-u", "app.py"]\n'), ['src/llm/app.py']);
    assert.deepEqual(wanted('FROM python:3.12-alpine\nWORKDIR /app\nCOPY . .\nCMD ["python", "-m", "app"]\n'), [], 'a module, not a script');
    assert.deepEqual(wanted('FROM python:3.12-alpine\nWORKDIR /app\nCOPY . .\nCMD ["python", "-W", "ignore", "srv/main.py"]\n'), ['srv/main.py']);
    const run = flaskDevServerRun('from flask import Flask\nweb = Flask(__name__)\nif __name__ == "__main__":\n    web.run(\n        host="0.0.0.0",\n        debug=True,\n    )\n');
    assert.deepEqual(run, { line: 3, character: 4, length: 8, call: 'web.run()', debug: true });
    assert.equal(flaskDevServerRun('from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n')?.debug, false);
    assert.equal(flaskDevServerRun('import uvicorn\nfrom api import app\nuvicorn.run(app)\n'), undefined, 'not Flask');
    assert.equal(flaskDevServerRun('from flask import Flask\napp = Flask(__name__)\n# app.run(debug=True)\n'), undefined, 'a comment');
  });
  it('tells whether a JVM build file declares something that serves', () => {
    const gradle = (deps: string) => `plugins { application }\ndependencies {\n${deps}}\n`;
    assert.equal(jvmServing('build.gradle.kts', gradle('  implementation("org.apache.kafka:kafka-clients:4.2.0")\n  implementation("io.grpc:grpc-netty:1.80.0")\n')), 'none');
    assert.equal(jvmServing('build.gradle', gradle("  implementation 'org.springframework.boot:spring-boot-starter-webflux'\n")), 'serves');
    assert.equal(jvmServing('build.gradle.kts', gradle('  implementation(libs.kafka.clients)\n')), undefined, 'a version catalog');
    assert.equal(jvmServing('build.gradle.kts', gradle('  implementation(project(":core"))\n')), undefined, 'another project');
    assert.equal(jvmServing('build.gradle.kts', 'plugins { application }\n'), undefined, 'no dependencies listed');
    assert.equal(jvmServing('pom.xml', '<project><dependencies><dependency><artifactId>quarkus-rest</artifactId></dependency></dependencies></project>'), 'serves');
    assert.equal(jvmServing('pom.xml', '<project><modules><module>a</module></modules><dependencies></dependencies></project>'), undefined, 'a parent of modules');
    assert.equal(jvmServing('pom.xml', '<project><parent><artifactId>acme-parent</artifactId>' + ' '.repeat(100000) + '<dependencies></dependencies></project>'), undefined, 'an unclosed parent');
  });
  it('asks whether the lock files a glob copy would bring are there', () => {
    assert.deepEqual(wanted('FROM node:20-alpine\nCOPY web/package*.json ./\nCOPY */package*.json /x/\nRUN npm install\n'), ['web/package-lock.json']);
  });
  it('asks for the package.json of an install whose node_modules the image copies with development dependencies', () => {
    assert.deepEqual(wanted('FROM node:22-alpine AS deps\nWORKDIR /app\nCOPY ./src/frontend/package*.json ./\nRUN npm ci\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\n'), ['src/frontend/package-lock.json', 'src/frontend/package.json']);
    assert.deepEqual(wanted('FROM node:22-alpine AS deps\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci --omit=dev\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\n'), [], 'production dependencies only: nothing to look up');
  });
  it('asks whether the folders copied whole hold lock files', () => {
    const present = (text: string) => contextFilesWanted(new DockerfileModel(new SourceText('file:///w/Dockerfile', text))).present;
    const all = present('FROM node:20\nCOPY . .\nCOPY ./web/ /web/\nCOPY ./src/api/. /api\nCOPY app.py *.json $X/ /srv/\n');
    assert.ok(all.includes('package-lock.json') && all.includes('web/yarn.lock') && all.includes('src/api/Cargo.lock'), all.join(' '));
    assert.ok(!all.some((p) => p.startsWith('app.py') || p.includes('*') || p.includes('$')), 'named files, globs and variables are not folders to look in');
    assert.deepEqual(present('FROM node:20\nCOPY package.json ./\n'), []);
  });
  it('reads package names, passing over options, URLs and comments', () => {
    assert.deepEqual(requirementNames('# web\nFlask==2.0.1 ; python_version >= "3.7"\n-r base.txt\n--index-url https://x\ngit+https://example.com/a.git#egg=a\nuvicorn[standard]>=0.30\n\r\nDjango~=4.2 # pinned\n'), ['flask', 'uvicorn', 'django']);
  });
});

describe('package scripts an image starts', () => {
  const model = (text: string) => new DockerfileModel(new SourceText('file:///w/Dockerfile', text));
  it('finds the package.json of the working directory, copied by name, by a glob or with the whole context', () => {
    assert.equal(startPackageJson(model('FROM node:20\nWORKDIR /app\nCOPY web/package*.json ./\nCMD ["npm", "start"]\n')), 'web/package.json');
    assert.equal(startPackageJson(model('FROM node:20\nWORKDIR /srv\nCOPY . .\nCMD yarn serve\n')), 'package.json');
    assert.equal(startPackageJson(model('FROM node:20\nWORKDIR /srv\nCOPY . .\nCMD ["node", "server.js"]\n')), 'package.json', 'the package whose script node runs');
    assert.equal(startPackageJson(model('FROM node:20\nWORKDIR /srv\nCOPY . .\nCMD ["python3", "app.py"]\n')), undefined, 'no package is started');
    assert.equal(startPackageJson(model('FROM node:20\nWORKDIR /srv\nCOPY src/ ./src/\nCMD ["npm", "start"]\n')), undefined, 'no copy put a package.json there');
  });
  it('reads which script a command line runs', () => {
    assert.deepEqual(packageScriptRun(['npm', 'start']), { script: 'start', at: 1 });
    assert.deepEqual(packageScriptRun(['npm', '--silent', 'run', 'serve:prod']), { script: 'serve:prod', at: 3 });
    assert.deepEqual(packageScriptRun(['yarn', 'dev']), { script: 'dev', at: 1 });
    assert.equal(packageScriptRun(['yarn', 'install']), undefined);
    assert.equal(packageScriptRun(['npm', 'ci']), undefined);
    assert.equal(packageScriptRun(['node', 'start']), undefined);
  });
  it('reads what a script runs, wrappers and assignments aside, and where package.json names it', () => {
    const text = '{\n  "scripts": {\n    "start": "cross-env PORT=3000 react-scripts start && echo done",\n    "bad": 3\n  }\n}\n';
    assert.deepEqual(scriptCommands(text, 'start'), [['react-scripts', 'start'], ['echo', 'done']]);
    assert.equal(scriptCommands(text, 'bad'), undefined);
    assert.equal(scriptCommands(text, 'constructor'), undefined, 'only the object\'s own keys');
    assert.equal(scriptCommands('{not json', 'start'), undefined);
    assert.deepEqual(scriptRange(text, 'start'), { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
  });
});
