import { defineKubernetesRule } from '../../../rule';
import { durationSeconds } from '../../../dockerfile/keep-alive';
import { appContainerCommands, commandSummary, programOf } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';
import { isOneOffJob } from '../../../kubernetes/jobs';

const WAITERS = /^(wait-for-it|wait-for|wait_for_it|wait-for-postgres|wait-for-db)(\.sh)?$/;

export default defineKubernetesRule({
  meta: {
    id: 'disposability/sleep-in-command',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'The app container sleeps or waits for a dependency before starting the app.',
    rationale: [
      'Disposable processes start fast, so the platform can replace and add them at will. A fixed `sleep 20` before',
      'the server adds twenty seconds to every rollout, restart and scale-out, and a `wait-for-it db:5432` loop hides',
      'an unreachable dependency behind a container that looks started but is not.',
      '',
      'Start the app at once and let it retry its connections (and report not-ready through its readiness probe); if',
      'an ordering really is needed, move the wait into an init container, which is the platform\'s way to express it.',
      'Init containers are therefore not reported.',
      '',
      'Nor are one-off processes (Jobs, CronJobs, KEDA ScaledJobs, Pods that run to completion, Helm hook Jobs among',
      'them): they are not rolled out, restarted or scaled out as a service is, and a migration or bootstrap Job that',
      'waits for the service it must call is doing its task, not delaying one.',
    ].join('\n'),
    messages: {
      sleep: '`{{command}}` delays the start of container `{{container}}` by {{seconds}}s on every start; start the app at once.',
      wait: '`{{command}}` makes container `{{container}}` wait for a dependency before the app starts; let the app retry, or use an init container.',
    },
  },
  check({ model, source, report }) {
    for (const { object, container, command } of appContainerCommands(model, source)) {
      if (isOneOffJob(object)) continue;
      const commands = command.commands;
      const data = (c: (typeof commands)[number]) => {
        return { command: commandSummary(c), container: container.name ?? '?' };
      };
      // A sleep inside a loop body paces the loop (`while true; do …; sleep 1; done`); it does not delay the start.
      let loopDepth = 0;
      commands.forEach((c, index) => {
        const program = programOf(c);
        const isLast = index === commands.length - 1;
        const first = c.words[0]?.value;
        if (first === 'while' || first === 'until' || first === 'for') loopDepth++;
        if (first === 'done') loopDepth = Math.max(0, loopDepth - 1);
        if (program === 'sleep' && !isLast && c.words[0].value !== 'do' && loopDepth === 0) {
          const seconds = durationSeconds(effectiveWords(c)[1]?.value ?? '');
          if (seconds !== undefined && seconds > 0) report({ messageId: 'sleep', data: { ...data(c), seconds }, range: c.range });
        } else if (WAITERS.test(program) || (program === 'dockerize' && c.words.some((w) => w.value === '-wait'))) {
          report({ messageId: 'wait', data: data(c), range: c.range });
        } else if (!isLast && /^(until|while)$/.test(c.words[0].value) && /^(nc|pg_isready|mysqladmin|redis-cli|curl|wget|nslookup|getent)$/.test(programOf({ ...c, words: c.words.slice(1) }))) {
          report({ messageId: 'wait', data: data(c), range: c.range });
        }
      });
    }
  },
});
