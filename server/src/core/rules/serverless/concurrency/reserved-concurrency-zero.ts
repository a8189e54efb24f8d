import { defineServerlessRule } from '../../../rule';

export default defineServerlessRule({
  meta: {
    id: 'concurrency/reserved-concurrency-zero',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A Lambda function reserves a concurrency of 0 (`ReservedConcurrentExecutions: 0`, `reservedConcurrency: 0`), so it can never run.',
    rationale: [
      'A twelve-factor app scales out by running more processes; on Lambda that is concurrency, and reserved concurrency',
      'caps it. A reservation of 0 is the emergency stop: every invocation is throttled, events pile up or are dropped,',
      'and nothing in the template says so. Left in a template, it deploys a function that cannot process anything.',
      '',
      'Remove the setting (or give it the capacity the function needs), and stop a function deliberately through an',
      'operational switch rather than the template that every stage deploys.',
      '',
      'Not reported: functions without the setting, any value other than a literal 0, and values given through a',
      'parameter or intrinsic function.',
    ].join('\n'),
    messages: {
      zero: 'A reserved concurrency of 0 throttles every invocation of {{functions}}.',
    },
  },
  check({ model, report }) {
    for (const fn of model.functions) {
      const setting = model.setting(fn, 'ReservedConcurrentExecutions');
      if (setting?.literal !== undefined && /^0+$/.test(setting.literal.trim())) report({ messageId: 'zero', data: { functions: model.namesTaking(fn, setting) }, range: setting.range });
    }
  },
});
