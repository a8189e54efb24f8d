import { defineDockerfileRule } from '../../../rule';
import { tlsSwitchOf } from '../../../dockerfile/tls-switches';

export default defineDockerfileRule({
  meta: {
    id: 'config/tls-verification-disabled',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'The runtime image switches TLS verification off through the environment (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`).',
    rationale: [
      'These variables exist for a developer behind a proxy with a self-signed certificate. Baked into the image, the',
      'development setting ships to every environment: production then talks to its backing services and third parties',
      'without checking who answers, and nobody sees it in the deployment\'s config.',
      '',
      'Remove the variable; install the CA certificate the environment needs (`NODE_EXTRA_CA_CERTS`, the system trust',
      'store), or set it per environment where a developer really needs it. Only the stages that make up the final image',
      'are checked; a variable set to a non-disabling value (`NODE_TLS_REJECT_UNAUTHORIZED=1`) is fine. (No anchor tool',
      'checks this.)',
      '',
      'Not reported: variables set only in build stages that are not part of the final image, variables whose value',
      'does not turn verification off, and TLS options passed on a single command line (`curl -k`) rather than through',
      'the environment.',
    ].join('\n'),
    messages: {
      off: '`{{name}}={{value}}` turns TLS certificate checks off for every process of the image, in every environment; install the CA certificate instead.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    for (const variable of model.envOf(stage).values()) {
      if (!tlsSwitchOf(variable.name, variable.value)) continue;
      report({ messageId: 'off', data: { name: variable.name, value: variable.value }, range: { start: variable.nameRange.start, end: variable.valueRange.end } });
    }
  },
});
