import { defineDockerfileRule } from '../../../rule';
import { commandsOf, spanOf } from '../../../dockerfile/instructions';
import { copiedBefore, installCommandOf } from '../../../dockerfile/lockfiles';

/** Options of `npm install` that `npm ci` does not accept or that change its meaning. */
const NOT_FOR_CI = /^(-g|--global|--no-package-lock|--package-lock=false|--package-lock-only|--save|-S|--save-dev|-D|--save-exact|-E|--save-optional|-O|--no-save|--link|--global-style|--prefer-dedupe)$/;

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/npm-install-instead-of-ci',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: '`npm install` is used although a `package-lock.json` was copied; `npm ci` installs exactly the locked tree.',
    rationale: [
      'The lock file is the exact declaration of your dependency tree. `npm install` treats it as a hint: it may resolve',
      'newer versions within the ranges of `package.json` and rewrite the lock, so the image can contain a tree nobody',
      'reviewed.',
      '',
      '`npm ci` installs exactly what `package-lock.json` says, fails when it disagrees with `package.json`, and starts',
      'from a clean `node_modules`. The quick fix replaces `install` with `ci` when the lock file is copied in the same',
      'stage: by name, by a glob, or with a folder copied whole (`COPY . .`) when the build context is known to hold the',
      'lock there and its `.dockerignore` lets it through. `npm install <package>` and `npm install -g` are left alone,',
      'and so is an install after `COPY package*.json` when the build context holds no lock file for the glob to bring',
      '(`npm ci` would fail there).',
    ].join('\n'),
    messages: {
      useCi: '`npm {{verb}}` may re-resolve versions; use `npm ci` to install exactly what package-lock.json declares.',
    },
    fix: 'unsafe',
  },
  check({ model, report, buildContext }) {
    for (const instruction of model.instructionsOf('RUN')) {
      const line = model.commandLine(instruction);
      const exec = line?.form === 'exec' && !line.script;
      for (const command of commandsOf(line)) {
        const install = installCommandOf(command);
        if (!install || install.tool !== 'npm' || !install.verb) continue;
        if (install.verb.value !== 'install' && install.verb.value !== 'i') continue;
        if (install.operands.length > 0) continue; // `npm install express`: adding a package, not installing the lock.
        if (install.words.some((w) => NOT_FOR_CI.test(w.value))) continue;
        const files = copiedBefore(model, instruction, buildContext, command);
        if (!files.has('package-lock.json') && !files.has('npm-shrinkwrap.json')) continue;
        report({
          messageId: 'useCi',
          data: { verb: install.verb.value },
          range: spanOf(install.words[0], install.verb),
          fix: { title: 'Use npm ci', edits: [{ range: install.verb.range, newText: exec ? '"ci"' : 'ci' }] },
        });
      }
    }
  },
});

