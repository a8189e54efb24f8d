import rule from '../../../../server/src/core/rules/dockerfile/dependencies/unpinned-language-package';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'pinned and from a requirements file', code: 'FROM python:3.12\nRUN pip install -r requirements.txt flask==3.0.3 "gunicorn>=22"\nRUN pip install --upgrade pip setuptools\n' },
    { name: 'installers upgrading themselves', code: 'FROM node:22\nRUN npm install -g npm && corepack enable\nRUN pip install -U pip setuptools wheel && gem install rubygems-update\n' },
    { name: 'npm global with a version, a project install from its manifest, gem with -v', code: 'FROM node:20\nRUN npm i -g pm2@5.4.2 && npm install && yarn add prisma@5.22.0\nRUN gem install rails -v 7.1.3\n' },
    { name: 'local paths, archives and go install with a version', code: 'FROM golang:1.22\nRUN pip install . ./dist/app-1.0.whl && go install golang.org/x/tools/cmd/stringer@v0.24.0\n' },
    {
      // Charliecloud's lammps example: `:all:` was read as a package.
      name: "options' values are no packages: pip's --no-binary, --trusted-host, --root-user-action; npm's --loglevel; gem's --source",
      code: 'FROM python:3.12\nRUN pip3 install --no-binary :all: cython==0.29.24 mpi4py==3.1.1\nRUN pip install --trusted-host pypi.org --root-user-action ignore --progress-bar off flask==3.0.3\nRUN npm install -g --loglevel warn pm2@5.4.2\nRUN gem install -s https://rubygems.org rails -v 7.1.3\n',
    },
    { name: "uv pip from a requirements file, with uv's -p; corepack with a version or its known-good release", code: 'FROM python:3.12-slim\nRUN uv pip install --system -p 3.12 -r requirements.txt\nRUN corepack prepare pnpm@9.12.3 --activate && corepack enable pnpm\n' },
    { name: 'PHP extensions from pecl with their versions', code: 'FROM php:8.3-fpm\nRUN pecl install -o -f redis-6.0.2 xdebug-3.3.2 && docker-php-ext-enable redis xdebug\n' },
    // nextcloud's image: the configure options are one value.
    { name: "pecl's configure options", code: 'FROM php:8.3-apache\nRUN pecl install --configureoptions \'enable-redis-igbinary="yes"\' redis-6.3.0\n' },
    // mitmproxy's release image: the wheel copied in is the only candidate.
    { name: 'pip without an index, from the wheels copied in', code: 'FROM python:3.11-slim\nCOPY dist/*.whl /wheels/\nRUN pip install --no-index --find-links=/wheels mitmproxy\n' },
    // GKE's rayserve TPU image: a ray build by URL, then its extra without a version (pip keeps the build).
    { name: 'a package installed before from a wheel URL or with a version', code: 'FROM rayproject/ray:2.40.0\nRUN pip install -U "https://example.com/ray-3.0.0.dev0-cp312-cp312-manylinux2014_x86_64.whl" && \\\n    pip install --no-deps "ray[llm]"\nRUN pip install flask==3.0.3\nRUN pip install Flask\n' },
    {
      name: 'composer require with a constraint, in every way Composer reads one, and platform packages',
      code: 'FROM php:8.3-fpm-alpine\nRUN composer require symfony/maker-bundle:^1.60 "doctrine/orm=3.2.1" predis/predis ^2.2 ext-redis php\nRUN composer global require laravel/installer:5.8.3 && composer install --no-dev\n',
    },
    { name: 'a .NET tool with its version, either way; the tool manifest restored', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet tool install --global dotnet-ef --version 8.0.11\nRUN dotnet tool install -g dotnet-reportgenerator-globaltool@5.4.1 && dotnet tool restore\n' },
  ],
  invalid: [
    {
      name: 'pip install flask gunicorn',
      code: 'FROM python:3.12\nRUN pip install Flask gunicorn\n',
      errors: [
        { line: 2, column: 17, endColumn: 22, messageId: 'unpinned', message: '`Flask`' },
        { line: 2, column: 23, endColumn: 31, messageId: 'unpinned', message: '`gunicorn`' },
      ],
    },
    {
      name: 'npm i -g and gem install',
      code: 'FROM node:20\nRUN npm i -g pm2\nRUN gem install bundler-audit\n',
      errors: [{ line: 2, column: 14, endColumn: 17, message: 'npm' }, { line: 3, column: 17, endColumn: 30, message: 'gem' }],
    },
    {
      name: "the package after an option's value is still read",
      code: 'FROM python:3.12\nRUN pip install --platform manylinux2014_x86_64 --only-binary :all: requests\nRUN npm i -g --loglevel warn pm2\n',
      errors: [
        { line: 2, column: 69, endColumn: 77, message: '`requests`' },
        { line: 3, column: 30, endColumn: 33, message: '`pm2`' },
      ],
    },
    {
      name: 'go install at latest',
      code: 'FROM golang:1.22 AS tools\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n',
      errors: [{ line: 2, column: 16, endColumn: 56, messageId: 'goLatest' }],
    },
    {
      name: 'packages added to the project inside the image, without a version (umami)',
      code: 'FROM node:22-alpine AS runner\nWORKDIR /app\nRUN set -x && apk add --no-cache curl && yarn add npm-run-all dotenv prisma && npm install sharp\nCMD ["yarn", "start-docker"]\n',
      errors: [
        { line: 3, column: 51, endColumn: 62, message: '`npm-run-all` is installed by yarn without a version' },
        { line: 3, column: 63, endColumn: 69 },
        { line: 3, column: 70, endColumn: 76 },
        { line: 3, column: 92, endColumn: 97, message: '`sharp` is installed by npm' },
      ],
    },
    {
      // immich's machine-learning image: the package manager that then reads poetry.lock, at whatever release is newest.
      name: 'another package manager installed for the build',
      code: 'FROM python:3.11-bookworm AS builder\nRUN pip install --upgrade pip && pip install poetry\nCOPY poetry.lock pyproject.toml ./\nRUN poetry install --sync --no-root --only main\nFROM node:22-slim\nRUN npm i -g pnpm\n',
      errors: [
        { line: 2, column: 46, endColumn: 52, message: '`poetry` is installed by pip without a version' },
        { line: 6, column: 14, endColumn: 18, message: '`pnpm` is installed by npm' },
      ],
    },
    {
      name: "uv pip install of a package with no version, and corepack activating pnpm@latest (fastapi-nextjs reference)",
      code: 'FROM python:3.12-slim\nRUN uv pip install --no-cache gunicorn\nFROM node:20-slim\nRUN corepack enable && corepack prepare pnpm@latest --activate\n',
      errors: [
        { line: 2, column: 31, endColumn: 39, messageId: 'unpinned', message: 'by pip' },
        { line: 4, column: 41, endColumn: 52, messageId: 'corepackLatest' },
      ],
    },
    {
      name: "PHP extensions from pecl without a version (tall-admin's igbinary and redis)",
      code: 'FROM php:8.2-fpm\nRUN pecl install -o -f igbinary && pecl install redis-6.0.2 \\\n    && pecl install xdebug\n',
      errors: [
        { line: 2, column: 24, endColumn: 32, message: '`igbinary` is installed by pecl without a version' },
        { line: 3, column: 21, endColumn: 27, message: '`xdebug`' },
      ],
    },
    {
      // talking_heads: transformers is pinned by the requirements installed two lines before; datasets is not.
      name: 'a package that a requirements file installed before pins is kept at that version',
      code: 'FROM python:3.10\nCOPY requirements.txt .\nRUN python -m pip install -r requirements.txt\nWORKDIR /app\nRUN pip install datasets transformers[sentencepiece]\n',
      buildContext: { files: { 'requirements.txt': { uri: 'file:///workspace/requirements.txt', text: 'Transformers==4.47.1 # pinned\nsentencepiece==0.2.0\nrequests>=2\n' } } },
      errors: [{ line: 5, column: 17, endColumn: 25, message: '`datasets`' }],
    },
    {
      name: 'unless pip is told to upgrade',
      code: 'FROM python:3.10\nCOPY requirements.txt .\nRUN python -m pip install -r requirements.txt\nWORKDIR /app\nRUN pip install -U transformers[sentencepiece]\n',
      buildContext: { files: { 'requirements.txt': { uri: 'file:///workspace/requirements.txt', text: 'Transformers==4.47.1 # pinned\nsentencepiece==0.2.0\nrequests>=2\n' } } },
      errors: [{ line: 5, column: 20, message: '`transformers`' }],
    },
    {
      // pinchflat's selfhosted image: apprise as an application of its own.
      name: 'an application installed by pipx without a version',
      code: 'FROM debian:bookworm-slim\nRUN pipx install apprise && pipx install --python python3.12 yt-dlp==2024.12.13\n',
      errors: [{ line: 2, column: 18, endColumn: 25, message: '`apprise` is installed by pipx without a version' }],
    },
    {
      // bugsink's Dockerfile.fromwheel: the wheel built in the first stage decides what `pip install --no-index` gets.
      name: 'a wheel built from the index without a version',
      code: 'FROM python:3.12 AS build\nRUN pip wheel --wheel-dir /wheels mysqlclient\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --find-links /wheels --no-index mysqlclient\n',
      errors: [{ line: 2, column: 35, message: '`mysqlclient` is installed by pip wheel without a version' }],
    },
    {
      // pretalx-docker: `wheel` here is a package, not pip's command.
      name: 'a package named wheel is installed, not built',
      code: 'FROM python:3.12-slim\nRUN pip3 install -U pip setuptools wheel typing\n',
      errors: [{ line: 2, column: 42, endColumn: 48, message: '`typing` is installed by pip without a version' }],
    },
    {
      name: 'a version installed in another stage does not hold here, nor a later one',
      code: 'FROM python:3.12 AS a\nRUN pip install flask==3.0.3\nFROM python:3.12-slim\nRUN pip install flask\nRUN pip install requests && pip install requests==2.32.3\n',
      errors: [{ line: 4, column: 17, message: '`flask`' }, { line: 5, column: 17, message: '`requests`' }],
    },
    {
      // YeraaKz/Final_App_Deploy: the maker bundle is added after `composer install --no-dev`, at its newest release.
      name: 'composer require without a constraint, Symfony Flex aliases and a global tool',
      code: 'FROM php:8.3-fpm-alpine\nCOPY composer.json composer.lock ./\nRUN composer install --no-dev\nRUN composer require symfony/maker-bundle\nRUN composer req --dev maker && composer global require -n laravel/installer\n',
      errors: [
        { line: 4, column: 22, endColumn: 42, message: '`symfony/maker-bundle` is installed by composer without a version' },
        { line: 5, column: 24, endColumn: 29, message: '`maker`' },
        { line: 5, column: 60, message: '`laravel/installer`' },
      ],
    },
    {
      // DouglasNeuroInformatics/OpenDataCapture's api image: the newest turbo, by its tag.
      name: "a dist-tag is no version (and a scoped package's name keeps its @)",
      code: 'FROM node:22-alpine\nRUN pnpm install -g turbo@latest && npm i -g @nestjs/cli@next @scope/tool@1.2.0\n',
      errors: [
        { line: 2, column: 21, endColumn: 33, messageId: 'distTag', message: '`turbo` is installed by pnpm at its `latest` tag' },
        { line: 2, column: 46, endColumn: 62, messageId: 'distTag', message: '`@nestjs/cli` is installed by npm at its `next` tag' },
      ],
    },
    {
      // IoTechModena/stopwatch (review set 95): the newest dotnet-ef needs a newer runtime than sdk:8.0 has.
      name: 'a .NET tool installed without a version',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet tool install --global dotnet-ef\nENV PATH="$PATH:/root/.dotnet/tools"\n',
      errors: [{ line: 3, column: 34, endColumn: 43, messageId: 'unpinned', message: '`dotnet-ef` is installed by dotnet tool without a version' }],
    },
  ],
});
