import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';

const PORT_VARIABLES = new Set(['PORT', 'SERVER_PORT', 'HTTP_PORT']);

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/port-env-mismatch',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'A `PORT`-style environment variable tells the app to bind a port other than the one the container declares.',
    rationale: [
      'Port binding works when the app binds the port it is given and the platform routes to the port it was told',
      'about. Setting `PORT=3000` while the container declares `containerPort: 8080` gives the app one answer and the',
      'Service and probes another: the app listens where nothing sends traffic.',
      '',
      'Keep one source of truth: make the variable and the declared port agree, or derive the variable from the',
      'declared port in your templating.',
      '',
      'Not reported: containers declaring no port or several different ports, variables other than `PORT`,',
      '`SERVER_PORT` and `HTTP_PORT`, templated or non-numeric values, and init containers.',
    ].join('\n'),
    messages: {
      mismatch: '`{{name}}={{value}}` tells the app to bind {{value}}, but container `{{container}}` declares containerPort {{declared}}.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec) continue;
      for (const container of object.podSpec.containers) {
        const numbers = [...new Set(container.ports.map((p) => p.containerPort))];
        if (numbers.length !== 1 || numbers[0] === undefined) continue;
        for (const entry of container.env) {
          if (!PORT_VARIABLES.has(entry.name) || entry.value === undefined || !entry.valueRange || isTemplated(entry.value)) continue;
          if (!/^\d+$/.test(entry.value.trim()) || Number(entry.value) === numbers[0]) continue;
          report({ messageId: 'mismatch', data: { name: entry.name, value: entry.value.trim(), container: container.name ?? '?', declared: numbers[0] }, range: entry.valueRange });
        }
      }
    }
  },
});
