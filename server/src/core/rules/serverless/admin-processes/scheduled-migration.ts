import { defineServerlessRule } from '../../../rule';
import { saysMigration } from '../../../serverless/model';

export default defineServerlessRule({
  meta: {
    id: 'admin-processes/scheduled-migration',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A function whose name or handler says it migrates or seeds a database is triggered by a schedule.',
    rationale: [
      'A migration belongs to a release: it runs once, when the release that needs it is deployed, and someone watches it.',
      'Run on a schedule, it executes at arbitrary times against whatever release is live, repeats work, and fails with',
      'nobody looking.',
      '',
      'Invoke the migration explicitly from the release pipeline (or by hand as a one-off) and remove the schedule.',
      '',
      'Not reported: functions whose id and handler do not say migrate or seed, and triggers other than schedules; the',
      "function's code is not inspected.",
    ].join('\n'),
    messages: {
      scheduled: 'Function `{{fn}}` ({{what}}) runs on the schedule `{{event}}`; run migrations once per release, not on a timer.',
    },
  },
  check({ model, report }) {
    const doc = model.doc;
    if (!doc) return;
    for (const fn of model.functions) {
      const handler = model.setting(fn, 'Handler')?.literal;
      const what = [fn.id, handler].find((n): n is string => !!n && saysMigration(n));
      if (!what) continue;
      for (const event of fn.events) if (event.type === 'schedule') report({ messageId: 'scheduled', data: { fn: fn.id, what, event: event.name }, range: event.range });
    }
  },
});
