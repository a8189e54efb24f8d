import type { Range } from '../../../types';
import { defineKubernetesRule } from '../../../rule';
import { nodeAt, pairOf, scalarNumber, scalarString } from '../../../kubernetes/yaml-nodes';
import { durationSeconds } from '../../../dockerfile/keep-alive';
import { execCommand, programOf } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';
import { appendToMap } from '../../../kubernetes/yaml-edits';

const DEFAULT_GRACE = 30;
const HEADROOM = 15;

export default defineKubernetesRule({
  meta: {
    id: 'disposability/prestop-sleep-exceeds-grace',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A `preStop` sleep lasts as long as the termination grace period or longer, so the app is killed without a graceful shutdown.',
    rationale: [
      'A disposable process shuts down gracefully when asked: it stops taking work and finishes what it has. In',
      'Kubernetes the `preStop` hook runs first and SIGTERM only follows it, all within `terminationGracePeriodSeconds`',
      '(30 by default). A sleep that uses up the whole period means the app receives SIGTERM with no time left, or never,',
      'and is SIGKILLed mid-request.',
      '',
      'Keep the sleep short (a few seconds let endpoints update) and make the grace period comfortably longer than',
      'sleep plus shutdown. The quick fix raises `terminationGracePeriodSeconds` to the sleep plus 15 seconds.',
      '',
      'Not reported: pods whose `terminationGracePeriodSeconds` is templated or not a number, sleeps shorter than the',
      'grace period, `preStop` hooks that do not sleep or whose command has a template expression, sleep arguments that',
      'are not a plain duration, and init containers. Each pod is reported once, at its longest sleep.',
    ].join('\n'),
    messages: {
      exceeds: 'preStop sleeps {{sleep}}s but the grace period is {{grace}}s{{implicit}}; container `{{container}}` is killed before it can shut down.',
    },
    fix: 'safe',
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      const doc = object.doc;
      const gracePair = pairOf(pod.node, 'terminationGracePeriodSeconds', doc);
      const grace = gracePair ? scalarNumber(gracePair.value, doc) : DEFAULT_GRACE;
      if (grace === undefined) continue; // templated or unreadable
      const findings: { seconds: number; range: Range; container: string }[] = [];
      for (const container of pod.containers) {
        const preStop = nodeAt(container.node, ['lifecycle', 'preStop'], doc);
        if (!preStop) continue;
        const sleepNode = nodeAt(preStop, ['sleep', 'seconds'], doc);
        if (sleepNode) {
          const seconds = scalarNumber(sleepNode, doc);
          if (seconds !== undefined && seconds >= grace) findings.push({ seconds, range: model.rangeOf(sleepNode)!, container: container.name ?? '?' });
          continue;
        }
        const command = execCommand(source, nodeAt(preStop, ['exec', 'command'], doc), doc);
        if (!command || command.templated) continue;
        let total = 0;
        let where: Range | undefined;
        for (const simple of command.commands) {
          if (programOf(simple) !== 'sleep') continue;
          const arg = effectiveWords(simple)[1];
          const seconds = arg && durationSeconds(arg.value);
          if (seconds === undefined || !arg) continue;
          total += seconds;
          where ??= arg.range;
        }
        if (where && total >= grace) findings.push({ seconds: total, range: where, container: container.name ?? '?' });
      }
      if (findings.length === 0) continue;
      const longest = findings.reduce((a, b) => (b.seconds > a.seconds ? b : a));
      const newGrace = Math.ceil(longest.seconds) + HEADROOM;
      const own = gracePair && pod.node.items.includes(gracePair) && gracePair.value && scalarString(gracePair.value, doc) !== undefined;
      const edit = own ? { range: model.rangeOf(gracePair!.value as never)!, newText: String(newGrace) } : gracePair ? undefined : appendToMap(source, pod.node, `terminationGracePeriodSeconds: ${newGrace}`);
      // One finding per pod, on the longest sleep: the grace period is shared, so one fix settles every container.
      report({
        messageId: 'exceeds',
        data: { sleep: longest.seconds, grace, implicit: gracePair ? '' : ' (the default)', container: longest.container },
        range: longest.range,
        fix: edit ? { title: `Set terminationGracePeriodSeconds to ${newGrace}`, edits: [edit] } : undefined,
      });
    }
  },
});
