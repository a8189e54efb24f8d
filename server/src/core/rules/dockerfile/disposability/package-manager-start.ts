import { defineDockerfileRule } from '../../../rule';
import { managerVerbIndex } from '../../../dockerfile/lockfiles';
import { startCommands } from '../../../dockerfile/instructions';
import { effectiveWords, type SimpleCommand } from '../../../dockerfile/shell';
import { spanOf } from '../../../dockerfile/instructions';
import { baseImageOf, imagePurpose, isDevelopmentImage } from '../../../dockerfile/start-command';
import { isAlpineImage } from '../../../dockerfile/base-images';

const MANAGERS = new Set(['npm', 'yarn', 'pnpm']);


/** Words that only close a compound command (`fi`): not a command that runs after the one before them. */
const CLOSING_WORDS = new Set(['fi', 'done', 'esac', '}']);

/** True when `commands[index]` is followed by `&&`, `;` or a line break and another command runs after it. */
function isStepBefore(commands: readonly SimpleCommand[], index: number): boolean {
  const { terminator } = commands[index];
  if (terminator !== '&&' && terminator !== ';' && terminator !== '\n') return false;
  return commands.slice(index + 1).some((later) => !CLOSING_WORDS.has(later.words[0]?.value ?? ''));
}

export default defineDockerfileRule({
  meta: {
    id: 'disposability/package-manager-start',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'The container starts the app through `npm start`, `npm run …`, `yarn start` or `pnpm start`, so the package manager is the main process.',
    rationale: [
      'A disposable process stops quickly and cleanly on SIGTERM. Started through a package manager, the app is a child',
      'of npm (often of a shell npm spawns too): the package manager is what receives the signal, and depending on its',
      'version it forwards it late, not at all, or exits before the app has finished its requests. The platform then',
      'waits out the grace period and kills the app.',
      '',
      'Start the program itself: `CMD ["node", "server.js"]`. Also saves the package manager\'s memory in every',
      'container. Only the final stage\'s effective start command is checked; `npm ci`, `npm run build` and other',
      'build steps in `RUN` are not this rule\'s business, and neither is a step the start command runs to completion',
      'before the app (`yarn prisma:deploy && node server.js`). (No anchor tool checks this.)',
      '',
      'Not reported: npm on an Alpine or BusyBox image. Measured with npm 6.14, 8.19, 10.8 and 11.19: npm passes SIGTERM',
      'to the shell that runs the script and waits for it; BusyBox sh (`/bin/sh` there) has replaced itself with the',
      'app, which gets the signal and finishes its work. Under dash (`/bin/sh` on Debian and Ubuntu images) the shell',
      'dies on the signal and the app never receives it. Yarn 1 forwards the signal and exits at once, so it is reported',
      'everywhere. A development image (`Dockerfile.dev`, `.devcontainer/`, a last stage `AS dev`) is not reported: a',
      'developer stops it, not a rollout.',
    ].join('\n'),
    messages: {
      manager: '`{{command}}` makes {{manager}} the main process, which does not forward SIGTERM reliably; start the program directly (`node server.js`).',
    },
  },
  check({ model, source, report }) {
    // A development image (`Dockerfile.dev`: `pnpm dev`) is stopped by its developer, not by a platform's rollout.
    if (imagePurpose(model) !== 'app' || isDevelopmentImage(model, source.uri)) return;
    // npm forwards SIGTERM to the script's shell and waits; BusyBox sh has exec'd the app, which gets it (measured).
    const stage = model.finalStage;
    const base = stage ? baseImageOf(stage) : undefined;
    const busyboxShell = base !== undefined && (isAlpineImage(base.name, base.tag) || /(^|\/)busybox$/.test(base.name));
    for (const { commands } of startCommands(model)) {
      for (const [index, command] of commands.entries()) {
        // A step that must finish before the next command starts (`yarn prisma:deploy && yarn start`) is not what runs.
        if (isStepBefore(commands, index)) continue;
        const words = effectiveWords(command);
        const manager = (words[0]?.value.split('/').pop() ?? '').toLowerCase();
        if (!MANAGERS.has(manager) || (manager === 'npm' && busyboxShell)) continue;
        // Options before the command: `yarn --prefix packages/server start`, `npm --workspace api run start`.
        const at = managerVerbIndex(words);
        const verb = at < 0 ? undefined : words[at].value;
        const runs = verb === 'start' || ((verb === 'run' || verb === 'run-script') && words[at + 1] !== undefined) || (manager !== 'npm' && verb !== undefined && !['install', 'add', 'ci', 'build', 'test'].includes(verb));
        if (!runs) continue;
        const end = verb === 'start' ? at : Math.min(at + 1, words.length - 1);
        report({ messageId: 'manager', data: { command: words.slice(0, end + 1).map((w) => w.value).join(' '), manager }, range: spanOf(words[0], words[end]) });
        break;
      }
    }
  },
});
