import { defineDockerfileRule } from '../../../rule';
import { spanOf, startInfo } from '../../../dockerfile/start-command';

const WAITERS = /^(wait-for-it(\.sh)?|wait-for(\.sh)?|wait-for-(postgres|mysql|db|redis|services?|deps)(\.sh)?|wait_for_(it|db|postgres)(\.sh)?|waitforit)$/;

export default defineDockerfileRule({
  meta: {
    id: 'disposability/startup-sleep',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'The start command sleeps or waits for other services (`sleep 10`, `wait-for-it`, `dockerize -wait`) before starting the app.',
    rationale: [
      'A disposable process starts in seconds and copes with backing services that come and go. A fixed `sleep` makes',
      'every start slower whether or not anything needed waiting for; `wait-for-it` and `dockerize -wait` block start-up',
      'on another service, so a restart during an outage of that service never becomes ready, and the order of start-up',
      'becomes a hidden dependency.',
      '',
      'Start immediately, retry connections with backoff inside the app, and let readiness probes (or `depends_on:',
      'condition: service_healthy` in Compose) express when the process may receive traffic.',
      '',
      'Not reported: `sleep 0`; a `sleep` that is itself the main command (a keep-alive, see',
      '`concurrency/background-process`); sleeps given as variables; `dockerize` without a `-wait` option; and waits in',
      'RUN steps or in scripts the start command calls.',
    ].join('\n'),
    messages: {
      sleep: '`{{command}}` delays every start; start at once and retry backing-service connections in the app instead.',
      wait: '`{{command}}` blocks start-up on another service; retry connections in the app and use readiness probes instead.',
    },
  },
  check({ model, report }) {
    const info = startInfo(model);
    if (!info) return;
    for (const command of info.commands) {
      const words = command.words;
      if (words.length === 0) continue;
      const text = (n: number) => words.slice(0, n).map((w) => w.value).join(' ');
      if (command.program === 'sleep' && command !== info.main && /^\d+(\.\d+)?[smh]?$/.test(words[1]?.value ?? '') && !/^0+(\.0+)?[smh]?$/.test(words[1].value)) {
        report({ messageId: 'sleep', data: { command: text(2) }, range: spanOf(words[0], words[1]) });
      } else if (WAITERS.test(command.program)) {
        const hostIndex = words.findIndex((w, i) => i > 0 && /[:.]/.test(w.value) && !w.value.startsWith('-'));
        const end = hostIndex > 0 ? words[hostIndex] : words[0];
        report({ messageId: 'wait', data: { command: words.slice(0, hostIndex > 0 ? hostIndex + 1 : 1).map((w) => w.value).join(' ') }, range: spanOf(words[0], end) });
      } else if (command.program === 'dockerize') {
        const i = words.findIndex((w) => w.value === '-wait' || w.value === '--wait' || w.value.startsWith('-wait='));
        if (i > 0) {
          const end = words[i].value.includes('=') ? words[i] : (words[i + 1] ?? words[i]);
          report({ messageId: 'wait', data: { command: `dockerize ${words.slice(i, words.indexOf(end) + 1).map((w) => w.value).join(' ')}` }, range: spanOf(words[i], end) });
        }
      }
    }
  },
});
