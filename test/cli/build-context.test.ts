// The CLI reads a Dockerfile's build context from the Dockerfile's folder, or from the folder above it that the
// Dockerfile copies its own folder's files from (a monorepo): the .dockerignore (or `<name>.dockerignore` beside the
// Dockerfile), and the entrypoint script it copies and starts. Absent files are reported as absent; a context that
// is elsewhere (a named source missing from every candidate folder) leaves the rules silent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const RULES = ['codebase/unfiltered-build-context', 'disposability/entrypoint-script-without-exec'];
let dir: string;

const DOCKERFILE = 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n';
const CHILD_SCRIPT = '#!/bin/sh\nset -e\nnode migrate.js\n"$@"\n';

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function findings(path: string): { ruleId: string; line: number; column: number; message: string; related?: { file?: string; uri?: string; line: number }[] }[] {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', join(dir, path)], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const all = (JSON.parse(result.stdout) as { findings: { ruleId?: string; rule?: string; line: number; column: number; message: string; related?: never[] }[] }).findings;
  return all.map((f) => ({ ...f, ruleId: f.ruleId ?? f.rule ?? '' })).filter((f) => RULES.includes(f.ruleId));
}

describe('CLI: build context of a Dockerfile', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tfl-context-'));
    for (const app of ['bare', 'ignored', 'named', 'elsewhere/docker', 'execs', 'dotenv']) {
      write(`${app}/package.json`, '{}\n');
      write(`${app}/docker-entrypoint.sh`, CHILD_SCRIPT);
    }
    write('bare/Dockerfile', DOCKERFILE);
    write('ignored/Dockerfile', DOCKERFILE);
    write('ignored/.dockerignore', '# local files\nnode_modules\n.env*\n');
    // BuildKit's per-Dockerfile ignore file wins over .dockerignore.
    write('named/Dockerfile.prod', DOCKERFILE);
    write('named/Dockerfile.prod.dockerignore', '.env*\n');
    write('named/.dockerignore', 'node_modules\n');
    // The context is the parent folder (a compose file says so): package.json is not beside the Dockerfile.
    write('elsewhere/docker/Dockerfile', 'FROM node:20-slim\nCOPY src/package.json ./\nCOPY . .\nCMD ["node", "server.js"]\n');
    write('execs/Dockerfile', DOCKERFILE);
    write('execs/docker-entrypoint.sh', '#!/bin/sh\nset -e\nnode migrate.js\nexec "$@"\n');
    write('execs/.dockerignore', '.env\n.env.local\n');
    write('dotenv/Dockerfile', DOCKERFILE);
    write('dotenv/.env', 'DATABASE_URL=postgres://app:s3cret@db/app\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a whole-context copy without a .dockerignore, and the script that does not exec', () => {
    const got = findings('bare/Dockerfile');
    assert.deepEqual(got.map((f) => `${f.ruleId}@${f.line}:${f.column}`), ['codebase/unfiltered-build-context@5:6', 'disposability/entrypoint-script-without-exec@6:13']);
    assert.match(got[0].message, /there is no \.dockerignore/);
    assert.match(JSON.stringify(got[1].related), /docker-entrypoint\.sh/);
  });

  it("names the context's own .env that a whole-context copy takes, and says nothing of one that is absent", () => {
    const got = findings('dotenv/Dockerfile').filter((f) => f.ruleId === 'codebase/unfiltered-build-context');
    assert.equal(got.length, 1);
    assert.match(got[0].message, /so the context's `\.env` goes into the image;/);
    assert.doesNotMatch(findings('bare/Dockerfile')[0].message, /the context's/);
  });

  it('reads the .dockerignore beside the Dockerfile', () => {
    assert.deepEqual(findings('ignored/Dockerfile').map((f) => f.ruleId), ['disposability/entrypoint-script-without-exec']);
  });

  it('prefers <Dockerfile>.dockerignore, as BuildKit does', () => {
    assert.deepEqual(findings('named/Dockerfile.prod').map((f) => f.ruleId), ['disposability/entrypoint-script-without-exec']);
  });

  it('asks for .git only where the context folder holds one', () => {
    mkdirSync(join(dir, 'ignored', '.git'), { recursive: true });
    try {
      const got = findings('ignored/Dockerfile');
      assert.deepEqual(got.map((f) => f.ruleId), ['codebase/unfiltered-build-context', 'disposability/entrypoint-script-without-exec']);
      assert.match(got[0].message, /does not exclude `\.git`/);
    } finally {
      rmSync(join(dir, 'ignored', '.git'), { recursive: true });
    }
  });

  it('stays silent when the context is not the Dockerfile folder, or the script execs', () => {
    assert.deepEqual(findings('elsewhere/docker/Dockerfile'), []);
    assert.deepEqual(findings('execs/Dockerfile'), []);
  });

  it('takes a folder above as the context when the Dockerfile copies its own folder from there (a monorepo)', () => {
    // opentelemetry-demo's layout: src/<service>/Dockerfile, built from the repository root, copies ./src/<service>/….
    const service = 'FROM node:20-slim\nWORKDIR /app\nCOPY ./src/api/docker-entrypoint.sh /usr/local/bin/\nCOPY ./src/api/ ./\nCOPY . /repo\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n';
    for (const repo of ['mono', 'mono-ignored']) {
      mkdirSync(join(dir, repo, '.git'), { recursive: true });
      write(`${repo}/src/api/Dockerfile`, service);
      write(`${repo}/src/api/docker-entrypoint.sh`, CHILD_SCRIPT);
    }
    write('mono-ignored/.dockerignore', '.git\n.env*\nnode_modules\n');
    // The per-Dockerfile ignore file is still looked for beside the Dockerfile; it is absent here.
    const got = findings('mono/src/api/Dockerfile');
    assert.deepEqual(got.map((f) => `${f.ruleId}@${f.line}`), ['codebase/unfiltered-build-context@5', 'disposability/entrypoint-script-without-exec@6']);
    assert.match(JSON.stringify(got[1].related), /mono\/src\/api\/docker-entrypoint\.sh/);
    assert.deepEqual(findings('mono-ignored/src/api/Dockerfile').map((f) => f.ruleId), ['disposability/entrypoint-script-without-exec']);
    // Copying the Dockerfile's folder as a whole (`COPY ./src/worker/ ./`) says the same.
    write('mono/src/worker/Dockerfile', 'FROM node:20-slim\nCOPY ./src/worker/ ./\nCOPY . /repo\nCMD ["node", "worker.js"]\n');
    assert.deepEqual(findings('mono/src/worker/Dockerfile').map((f) => `${f.ruleId}@${f.line}`), ['codebase/unfiltered-build-context@3']);
  });

  it('takes a folder above as the context when a glob copies from the Dockerfile\'s folder by its path from there', () => {
    // FreshRSS's Docker/Dockerfile, beside its entrypoint and Apache config: `COPY ./Docker/*.Apache.conf` only works
    // from the repository root, whose .dockerignore lets `.env` through.
    mkdirSync(join(dir, 'freshrss', '.git'), { recursive: true });
    write('freshrss/.dockerignore', '*/.git\n*/docs\n*.bak.php\n');
    write('freshrss/Docker/Dockerfile', 'FROM debian:12-slim\nCOPY . /var/www/FreshRSS\nCOPY ./Docker/*.Apache.conf /etc/apache2/sites-available/\nCMD ["apache2ctl", "-D", "FOREGROUND"]\n');
    write('freshrss/Docker/FreshRSS.Apache.conf', '<Directory /var/www/FreshRSS/p>\n</Directory>\n');
    write('freshrss/Docker/entrypoint.sh', '#!/bin/sh\nexec "$@"\n');
    const got = findings('freshrss/Docker/Dockerfile');
    assert.deepEqual(got.map((f) => `${f.ruleId}@${f.line}`), ['codebase/unfiltered-build-context@2']);
    assert.match(got[0].message, /the \.dockerignore does not exclude `\.git`, `\.env`/);
  });

  it('does not take a folder above when none of the copied files is in the Dockerfile\'s folder', () => {
    // ./src/api/… exists in the parent, but the Dockerfile lives in tools/: nothing says that folder is its context.
    write('coincidence/src/api/docker-entrypoint.sh', CHILD_SCRIPT);
    write('coincidence/tools/Dockerfile', 'FROM node:20-slim\nCOPY ./src/api/docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n');
    assert.deepEqual(findings('coincidence/tools/Dockerfile'), []);
  });

  it('leaves the context unknown when the Dockerfile is alone in its folder (built with -f from elsewhere)', () => {
    // docker/Dockerfile beside only its notes and ignore file: `COPY . .` there would copy nothing worth building, so the
    // context is the repository (whose .dockerignore the rule cannot know to be the one used), not docker/.
    const whole = 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n';
    write('alone/package.json', '{}\n');
    write('alone/.dockerignore', '.git\n.env*\n');
    write('alone/docker/Dockerfile', whole);
    write('alone/docker/Dockerfile.dev', whole);
    write('alone/docker/Dockerfile-worker', whole);
    write('alone/docker/README.md', 'Build with docker build -f docker/Dockerfile .\n');
    assert.deepEqual(findings('alone/docker/Dockerfile'), []);
    // The same folder with anything else in it is a context like any other (with the package.json its glob copies).
    write('alone/docker/server.js', 'require("http").createServer().listen(3000);\n');
    write('alone/docker/package.json', '{}\n');
    assert.deepEqual(findings('alone/docker/Dockerfile').map((f) => `${f.ruleId}@${f.line}`), ['codebase/unfiltered-build-context@5']);
  });

  it('takes the context a Compose file builds the Dockerfile from', () => {
    const whole = 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n';
    mkdirSync(join(dir, 'composed', '.git'), { recursive: true });
    write('composed/package.json', '{}\n');
    write('composed/docker/Dockerfile', whole);
    write('composed/compose.yaml', 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n  db:\n    image: postgres:16.4\n');
    // The repository root has no .dockerignore: `COPY . .` sends `.git` and any `.env` into the image.
    const got = findings('composed/docker/Dockerfile');
    assert.deepEqual(got.map((f) => `${f.ruleId}@${f.line}`), ['codebase/unfiltered-build-context@5']);
    assert.match(got[0].message, /`\.git`/);
    write('composed/.dockerignore', '.git\n.env*\nnode_modules\n');
    assert.deepEqual(findings('composed/docker/Dockerfile'), []);
    // `build: ./api` builds api/Dockerfile from api/; a second service naming the same Dockerfile from another
    // context leaves it unknown.
    write('composed2/api/Dockerfile', whole);
    write('composed2/api/package.json', '{}\n');
    write('composed2/api/docker/keep', '');
    write('composed2/docker-compose.yml', 'services:\n  api:\n    build: ./api\n');
    assert.deepEqual(findings('composed2/api/Dockerfile').map((f) => f.ruleId), ['codebase/unfiltered-build-context']);
    write('composed2/docker-compose.yml', 'services:\n  api:\n    build: ./api\n  api-root:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n');
    assert.deepEqual(findings('composed2/api/Dockerfile'), []);
  });

  it("takes the context from a Compose file in a sibling folder (uptime-bot's deploy/compose and deploy/docker)", () => {
    mkdirSync(join(dir, 'sibling', '.git'), { recursive: true });
    write('sibling/package.json', '{}\n');
    write('sibling/docker-entrypoint.sh', CHILD_SCRIPT);
    write('sibling/.dockerignore', '.git\n.env*\n');
    write('sibling/deploy/docker/Dockerfile.worker', DOCKERFILE);
    write('sibling/deploy/compose/docker-compose.yml', 'services:\n  worker:\n    build:\n      context: ../..\n      dockerfile: deploy/docker/Dockerfile.worker\n');
    assert.deepEqual(findings('sibling/deploy/docker/Dockerfile.worker').map((f) => `${f.ruleId}@${f.line}`), ['disposability/entrypoint-script-without-exec@6']);
  });

  it('does not follow a script link out of the folder', () => {
    write('outside/docker-entrypoint.sh', CHILD_SCRIPT);
    write('linked/Dockerfile', DOCKERFILE);
    write('linked/package.json', '{}\n');
    write('linked/.dockerignore', '.env*\n');
    symlinkSync(join(dir, 'outside', 'docker-entrypoint.sh'), join(dir, 'linked', 'docker-entrypoint.sh'));
    // The named source is not inside the folder: the context is unknown, nothing is read.
    assert.deepEqual(findings('linked/Dockerfile'), []);
  });
  it("reads the context of a build stage whose folder the final image copies whole (forem's production stage)", () => {
    write('carried/Gemfile', "source 'https://rubygems.org'\n");
    write('carried/.dockerignore', 'node_modules\n');
    write('carried/Dockerfile', 'FROM ruby:3.3 AS builder\nWORKDIR /app\nCOPY Gemfile ./\nCOPY . .\nRUN bundle install\nFROM ruby:3.3-slim AS production\nCOPY --from=builder /app /app\nCMD ["bundle", "exec", "rails", "server"]\nFROM builder AS development\n');
    const got = findings('carried/Dockerfile');
    assert.deepEqual(got.map((f) => `${f.ruleId}@${f.line}:${f.column}`), ['codebase/unfiltered-build-context@4:6']);
    // The context holds no `.env.local` (the CLI says so): only `.env` is asked for.
    assert.match(got[0].message, /does not exclude `\.env`; add it/);
  });

  it("is no folder where a copy's every glob matches nothing (iQprofyTech/Weave12's infra/docker/worker.Dockerfile)", () => {
    // infra/docker holds Dockerfiles, a compose file and an .env, but no package.json: `COPY package*.json ./` would fail
    // there, so that folder is not the context; none above it is named either, so the context is unknown.
    const worker = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nWORKDIR /app/apps/worker\nCMD ["npm", "start"]\n';
    mkdirSync(join(dir, 'globbed', '.git'), { recursive: true });
    write('globbed/package.json', '{"private": true, "workspaces": ["apps/*"]}\n');
    write('globbed/.dockerignore', 'node_modules\n');
    write('globbed/infra/docker/worker.Dockerfile', worker);
    write('globbed/infra/docker/.env', 'NODE_ENV=development\n');
    write('globbed/infra/docker/docker-compose.yml', 'services:\n  api:\n    build:\n      context: ../../\n      dockerfile: infra/docker/Dockerfile.api\n');
    assert.deepEqual(findings('globbed/infra/docker/worker.Dockerfile'), []);
    // With the package.json its glob copies, the folder is a context like any other.
    write('globbed/infra/docker/package.json', '{}\n');
    assert.deepEqual(findings('globbed/infra/docker/worker.Dockerfile').map((f) => `${f.ruleId}@${f.line}`), ['codebase/unfiltered-build-context@5']);
  });
});
