import type { Fix } from '../../../types';
import { defineDockerfileRule } from '../../../rule';
import { commandsOf, programOf, spanOf, verbIndex } from '../../../dockerfile/instructions';
import { effectiveWords, type SimpleCommand } from '../../../dockerfile/shell';
import { copiedBefore, installCommandOf, runsOnlyWithAbsentLock, type CopiedBefore, type InstallCommand } from '../../../dockerfile/lockfiles';
import type { DockerfileModel } from '../../../dockerfile/model';
import type { Instruction } from 'dockerfile-ast';

interface Tool {
  /** Its lock files; the first one copied is named in the message. */
  locks: string[];
  /** Options that already make the install fail instead of re-resolving. */
  enforced: RegExp;
  /** The option the fix appends, or `undefined` when no single flag is safe. */
  flag: (files: CopiedBefore) => string | undefined;
  advice: string;
}

const TOOLS: Record<string, Tool> = {
  yarn: {
    locks: ['yarn.lock'],
    enforced: /^(--frozen-lockfile|--immutable)$/,
    // Yarn 2+ projects carry a .yarnrc.yml; Yarn 1 does not know `--immutable`.
    flag: (files) => (files.some('yarn-berry', (f) => /(^|\/)(\.yarnrc\.yml|\.yarn\/?)$/.test(f)) ? '--immutable' : '--frozen-lockfile'),
    advice: '--frozen-lockfile (Yarn 1) or --immutable (Yarn 2+)',
  },
  pnpm: { locks: ['pnpm-lock.yaml'], enforced: /^--frozen-lockfile(=true)?$/, flag: () => '--frozen-lockfile', advice: '--frozen-lockfile' },
  pipenv: { locks: ['Pipfile.lock'], enforced: /^(--deploy|--ignore-pipfile)$/, flag: () => '--deploy', advice: '--deploy' },
  uv: { locks: ['uv.lock'], enforced: /^(--locked|--frozen)$/, flag: () => '--locked', advice: '--locked' },
  bun: { locks: ['bun.lock', 'bun.lockb'], enforced: /^--frozen-lockfile$/, flag: () => '--frozen-lockfile', advice: '--frozen-lockfile' },
  cargo: { locks: ['Cargo.lock'], enforced: /^(--locked|--frozen)$/, flag: () => '--locked', advice: '--locked' },
  bundle: { locks: ['Gemfile.lock'], enforced: /^(--frozen|--deployment)$/, flag: () => undefined, advice: '`bundle config set --local frozen true` (or BUNDLE_FROZEN=true)' },
};

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/lockfile-not-enforced',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A package manager installs with a lock file present but without being told to fail when it is out of date.',
    rationale: [
      'A lock file only makes the image reproducible if the install refuses to deviate from it. Without the "frozen"',
      'switch, `yarn install`, `pnpm install`, `bun install`, `pipenv install`, `uv sync`, `cargo build` (and `cargo',
      'vendor`) and `bundle install` quietly re-resolve when the manifest and the lock disagree, and the image ships',
      'versions nobody committed. `cargo install --path .` goes further: it ignores Cargo.lock altogether and takes the',
      'newest versions the manifest allows.',
      '',
      'Use `yarn install --frozen-lockfile` (Yarn 1) or `--immutable` (Yarn 2+), `pnpm install --frozen-lockfile`,',
      '`bun install --frozen-lockfile`, `pipenv install --deploy`, `uv sync --locked`, `cargo build --locked` (or',
      '`--frozen`), or `BUNDLE_FROZEN=true` for Bundler. The quick fix adds the flag when the lock file is copied in the',
      'same stage.',
      '',
      "Not reported: installs that already pass the tool's frozen/locked switch, `pipenv sync`, `yarn`/`pnpm`/`bun`",
      'commands that add named packages, Cargo builds after a `cargo vendor` (the vendor step is the one reported),',
      'Bundler when `BUNDLE_FROZEN`/`BUNDLE_DEPLOYMENT` or an earlier `bundle config … frozen true` is set, installs',
      'whose lock file was not explicitly copied before them (a folder copied whole counts where its files land in the',
      'directory the install runs in, `cd` included; a lock copied under another name does not; a glob such as',
      '`pnpm-lock.yaml*` brings it only when the build context has it), installs in the branch of an `if [ -f <lock> ]`',
      'chain whose lock file the image does not hold (the Next.js example\'s chain, when the context holds only',
      'package-lock.json: its `yarn` and `pnpm i` branches never run), and package managers other than Yarn, pnpm, Bun, Pipenv,',
      'uv, Cargo and Bundler (`npm ci` enforces its lock on its own).',
    ].join('\n'),
    messages: {
      notFrozen: '`{{command}}` may rewrite {{lock}} instead of failing when it is stale; add {{advice}}.',
      ignoresLock: '`{{command}}` ignores {{lock}} and builds with the newest versions the manifest allows; add {{advice}}.',
      pureLockfile: '`{{command}}` does not write {{lock}}, but when it is stale installs what package.json resolves to instead of failing; add {{advice}}.',
    },
    fix: 'unsafe',
  },
  check({ model, report, buildContext }) {
    for (const instruction of model.instructionsOf('RUN')) {
      const line = model.commandLine(instruction);
      const exec = line?.form === 'exec' && !line.script;
      const commands = commandsOf(line);
      for (const command of commands) {
        const install = installCommandOf(command);
        if (!install) continue;
        const key = install.tool === 'bundler' ? 'bundle' : install.tool;
        const tool = TOOLS[key];
        if (!tool) continue;
        if (key === 'pnpm' || key === 'yarn' || key === 'bun') if (install.operands.length > 0) continue;
        if (key === 'pipenv' && install.verb?.value === 'sync') continue; // sync installs from the lock by definition
        if (install.words.some((w) => tool.enforced.test(w.value))) continue;
        if (key === 'bundle' && bundlerFrozen(model, instruction)) continue;
        const files = copiedBefore(model, instruction, buildContext, command);
        if (runsOnlyWithAbsentLock(commands, command, files)) continue;
        const lock = tool.locks.find((name) => files.has(name));
        if (!lock) continue;
        // After `cargo vendor` (reported itself when unlocked) the build reads the vendored, locked crates.
        if (key === 'cargo' && install.verb?.value !== 'vendor' && vendoredBefore(model, instruction, command)) continue;
        const flag = tool.flag(files);
        const last = install.verb ?? install.words[0];
        const fix: Fix | undefined = flag ? { title: `Add ${flag}`, edits: [{ range: { start: last.range.end, end: last.range.end }, newText: exec ? `, ${JSON.stringify(flag)}` : ` ${flag}` }] } : undefined;
        report({
          // `cargo install --path` does not read the lock at all unless told to.
          // Yarn 1's `--pure-lockfile` keeps the lock file as it is, but not the install to it.
          messageId: key === 'cargo' && install.verb?.value === 'install' ? 'ignoresLock' : key === 'yarn' && install.words.some((w) => w.value === '--pure-lockfile') ? 'pureLockfile' : 'notFrozen',
          data: { command: commandText(install), lock, advice: flag ?? tool.advice },
          range: spanOf(install.words[0], last),
          fix,
        });
      }
    }
  },
});

/** True when `cargo vendor` ran before `command`, in its RUN or an earlier RUN of the stage (or the stages it is built FROM). */
function vendoredBefore(model: DockerfileModel, run: Instruction, command: SimpleCommand): boolean {
  const stage = model.stageOf(run);
  const line = run.getRange().start.line;
  const isVendor = (c: SimpleCommand) => {
    const words = effectiveWords(c);
    return programOf(words) === 'cargo' && words[verbIndex(words)]?.value === 'vendor';
  };
  const own = commandsOf(model.commandLine(run));
  if (own.slice(0, own.indexOf(command)).some(isVendor)) return true;
  return !!stage && model.inheritedInstructions(stage, 'RUN').some((i) => i.getRange().start.line < line && commandsOf(model.commandLine(i)).some(isVendor));
}

function commandText(install: InstallCommand): string {
  return install.verb ? `${install.words[0].value} ${install.verb.value}` : install.words[0].value;
}

/** Bundler is frozen by `BUNDLE_FROZEN`/`BUNDLE_DEPLOYMENT` or an earlier `bundle config … frozen|deployment true`. */
function bundlerFrozen(model: DockerfileModel, run: Instruction): boolean {
  const stage = model.stageOf(run);
  if (!stage) return false;
  const env = model.envOf(stage);
  if (/^(1|true)$/i.test(env.get('BUNDLE_FROZEN')?.value ?? '') || /^(1|true)$/i.test(env.get('BUNDLE_DEPLOYMENT')?.value ?? '')) return true;
  const line = run.getRange().end.line;
  return model.inheritedInstructions(stage, 'RUN').some((i) => {
    if (i.getRange().start.line > line) return false;
    return (model.commandLine(i)?.commands ?? []).some((c) => {
      const values = c.words.map((w) => w.value);
      return values[0] === 'bundle' && values[1] === 'config' && values.some((v) => /^(frozen|deployment)$/.test(v)) && values.some((v) => /^(true|1)$/.test(v));
    }) || /BUNDLE_(FROZEN|DEPLOYMENT)=(1|true)/i.test(model.commandLine(i)?.script?.text ?? '');
  });
}
