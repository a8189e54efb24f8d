import { defineDockerfileRule, type DockerfileRuleContext } from '../../../rule';
import { devDependencyCopies, declaresDevDependencies, removesNodeModules } from '../../../dockerfile/dev-dependencies';
import { buildScripts, installedPackageJson, type BuildContext } from '../../../build-context';
import { flagOf } from '../../../dockerfile/instructions';
import { workdirs } from '../../../dockerfile/image-paths';
import { scriptCommandLines } from '../../../dockerfile/script-lines';
import type { DockerfileModel, Stage } from '../../../dockerfile/model';
import type { Instruction } from 'dockerfile-ast';
import type { DevDependencyCopy } from '../../../dockerfile/dev-dependencies';
import { spokenList } from '../../../lists';
import { requirementArguments } from '../../../dockerfile/packages';
import { isDevelopmentImage } from '../../../dockerfile/start-command';
import { DEVELOPMENT_STAGE, isDevelopmentOrTestStage } from '../../../dockerfile/stage-names';
import { baseName } from '../../../dockerfile/instructions';
import { uriPath } from '../../../uri';

/** How each package manager installs without development dependencies. */
const PRODUCTION_INSTALL: Record<string, string> = {
  npm: '`npm ci --omit=dev`',
  yarn: '`yarn install --production` (Yarn 1) or `yarn workspaces focus --production` (Yarn 2+)',
  pnpm: '`pnpm install --prod`',
  bun: '`bun install --production`',
};


export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/dev-dependencies-in-image',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: "The runtime image copies a build stage's node_modules, installed with the development dependencies, or pip installs a test or development requirements file into it.",
    rationale: [
      'A multi-stage build keeps what the build needs out of what runs. Copying `node_modules` from a stage that ran',
      '`npm ci` (or `yarn`, `pnpm install`) without leaving the development dependencies out puts test runners,',
      'compilers, linters and bundlers into every release: a larger image, a wider attack surface, and a release whose',
      'contents depend on what the build needed rather than on what the app runs with.',
      '',
      'Install the production dependencies in a stage of their own (`npm ci --omit=dev`, `pnpm install --prod`) and',
      'copy that `node_modules`, or prune the build stage (`npm prune --omit=dev`) before the image copies from it.',
      '',
      'Reported: a final-stage `COPY --from=<stage>` of `…/node_modules`, or of the whole folder an install ran in, when',
      "that stage's last install there brought every dependency. Not reported: installs with `--omit=dev`,",
      '`--only=production`, `--production` or `--prod`, or under `NODE_ENV` set to anything but `development`/`test`',
      '(npm, Yarn 1 and pnpm then leave development dependencies out), `NPM_CONFIG_OMIT=dev`; stages pruned after the',
      'install or whose `node_modules` was removed, by a RUN or by a script from the build context that a later RUN in',
      "the install's folder runs (zammad's `script/build/cleanup.sh`), when the script was read; final stages that",
      'reinstall for production where the copy landed,',
      'or that set `NODE_ENV=development` (a development image); named packages (`npm install -g pm2`); and projects',
      'whose package.json, when the build context shows it, declares no development dependencies.',
      '',
      'For Python, a requirements file named for tests or development (`requirements-dev.txt`, `test-requirements.txt`,',
      '`requirements/local.txt`, `testing_requirements.txt`) that pip installs into the final image is reported; not in a',
      'development image (`Dockerfile.dev`, a last stage `AS dev`) nor in one for tests (`Dockerfile.test`, a last stage',
      '`AS test`), which install them on purpose.',
    ].join('\n'),
    messages: {
      pipRequirements: '`{{file}}`, the {{kind}} requirements, is installed into the runtime image; install the application\'s own requirements only, and the rest in a stage or image for tests.',
      devDependencies:
        '`COPY --from={{stage}} {{path}}` brings the development dependencies that {{install}} (line {{line}}) installed into the runtime image; install with {{production}} in a stage of its own and copy that, or prune before copying.',
    },
  },
  check({ model, source, report, buildContext }) {
    reportDevRequirements(model, source.uri, report);
    const kept: DevDependencyCopy[] = [];
    for (const copy of devDependencyCopies(model)) {
      const path = installedPackageJson(model, copy);
      const packageJson = path !== undefined ? buildContext?.files?.[path] : undefined;
      // Known to declare no development dependencies (or known absent: the install would fail anyway).
      if (packageJson === null || (packageJson && !declaresDevDependencies(packageJson.text))) continue;
      if (removedByScript(model, copy, buildContext)) continue;
      kept.push(copy);
    }
    // Two copies of one install's packages into one image (`COPY --from=builder /app/ .`, then its node_modules again):
    // one finding, at the first, with the others related.
    const groups = new Map<Instruction, Map<Stage | undefined, DevDependencyCopy[]>>();
    for (const copy of kept) {
      let byStage = groups.get(copy.install);
      if (!byStage) groups.set(copy.install, (byStage = new Map()));
      const into = model.stageOf(copy.copy);
      const group = byStage.get(into);
      if (group) group.push(copy);
      else byStage.set(into, [copy]);
    }
    for (const copy of kept) {
      const group = groups.get(copy.install)!.get(model.stageOf(copy.copy))!;
      if (group[0] !== copy) continue;
      const same = group.slice(1);
      const related = same.map((other) => ({ uri: source.uri, range: other.source.range, message: `\`${other.source.value}\` brings the same packages again.` }));
      report({
        ...(related.length > 0 ? { related } : {}),
        messageId: 'devDependencies',
        data: {
          stage: flagOf(copy.copy, 'from')?.getValue() ?? String(copy.stage.index),
          path: copy.source.value,
          install: spokenList(copy.installs.map((i) => `\`${i.words.map((w) => w.value).join(' ')}\``), 'or'),
          line: copy.install.getRange().start.line + 1,
          production: spokenList([...new Set(copy.installs.map((i) => PRODUCTION_INSTALL[i.tool] ?? PRODUCTION_INSTALL.npm))], 'or'),
        },
        range: copy.source.range,
      });
    }
  },
});

/** An `rm` of node_modules in any command of a script's line (`… && rm -rf node_modules`). */
function lineRemovesNodeModules(line: string): boolean {
  return line.split(/[;&|]/).some((command) => removesNodeModules(command.trim().split(/\s+/)));
}

/**
 * True when, after the install, a RUN in the install's folder runs a build-context script (read by the caller) that
 * removes node_modules there: what the image copies then holds none of them.
 */
function removedByScript(model: DockerfileModel, copy: DevDependencyCopy, context: BuildContext | undefined): boolean {
  const files = context?.files;
  if (!files) return false;
  const after = copy.install.getRange().start.line;
  const directories = workdirs(model, copy.stage);
  return buildScripts(model, copy.stage).some(({ instruction, contextPath }) => {
    if (instruction.getRange().start.line <= after || directories.get(instruction) !== copy.folder) return false;
    const text = files[contextPath]?.text;
    return text !== undefined && scriptCommandLines(text).some((line) => lineRemovesNodeModules(line.text));
  });
}

/**
 * The test or development requirements files pip installs into the final image, by the words stage names use for
 * development and tests (`requirements-dev.txt`, `testing_requirements.txt`, `requirements/local.txt`); not in a
 * development image, nor in one for tests by its stage's or its file's name (`AS test`, `Dockerfile.test`).
 */
function reportDevRequirements(model: DockerfileModel, uri: string, report: DockerfileRuleContext['report']): void {
  const stage = model.finalStage;
  if (!stage || isDevelopmentImage(model, uri) || isDevelopmentOrTestStage(stage.name) || isDevelopmentOrTestStage(baseName(uriPath(uri)).toLowerCase())) return;
  for (const { path, word } of requirementArguments(model, stage)) {
    if (path.includes('$')) continue;
    const name = baseName(path).toLowerCase();
    const folder = path.slice(0, Math.max(0, path.length - name.length)).replace(/\/$/, '');
    const stem = name.replace(/\.(txt|in)$/, '');
    // `requirements-dev.txt`, or `requirements/dev.txt` (the folder says requirements); not a file that only mentions a word.
    const purpose = /requirements?/.test(stem) ? stem.replace(/requirements?/, '') : /(^|\/)requirements$/i.test(folder) ? stem : undefined;
    if (purpose === undefined || !isDevelopmentOrTestStage(purpose)) continue;
    report({ messageId: 'pipRequirements', data: { file: path, kind: DEVELOPMENT_STAGE.test(purpose) ? 'development' : 'test' }, range: word.range });
  }
}
