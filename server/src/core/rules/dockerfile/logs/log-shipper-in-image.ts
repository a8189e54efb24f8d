import { defineDockerfileRule } from '../../../rule';
import { baseImageOf, officialName, startInfo } from '../../../dockerfile/start-command';
import { runtimePackages } from '../../../dockerfile/packages';

const SHIPPER_PACKAGES = new Set(['logrotate', 'rsyslog', 'syslog-ng', 'syslog-ng-core', 'filebeat', 'fluentd', 'fluent-bit', 'td-agent', 'td-agent-bit', 'logstash', 'promtail', 'nxlog', 'nxlog-ce', 'sysklogd', 'inetutils-syslogd', 'metalog']);
const SHIPPER_PROGRAMS = new Set(['logrotate', 'rsyslogd', 'syslog-ng', 'syslogd', 'filebeat', 'fluentd', 'fluent-bit', 'td-agent', 'td-agent-bit', 'logstash', 'promtail', 'nxlog']);
/** Images whose whole purpose is shipping logs: customising them is not shipping from an app image. */
const SHIPPER_IMAGES = /(^|\/)(fluentd|fluent-bit|filebeat|logstash|promtail|vector|rsyslog|syslog-ng|td-agent|logrotate)([-_.]|$)/;

export default defineDockerfileRule({
  meta: {
    id: 'logs/log-shipper-in-image',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'A log rotator or shipper (logrotate, rsyslog, filebeat, fluentd …) is installed or started in the app image.',
    rationale: [
      'An app that ships or rotates its own logs has taken on a job that belongs to the platform. The shipper becomes a',
      'second process to supervise inside the container, its destination and credentials are baked into the image, and',
      'it only works because the app writes files that the container runtime cannot see.',
      '',
      'Let the app write to stdout/stderr and collect logs outside it: the container runtime\'s log driver, a node-level',
      'agent (a DaemonSet) or the platform\'s log service. A dedicated image for a shipper itself is not reported.',
    ].join('\n'),
    messages: {
      installed: '`{{name}}` is installed in the app image; write logs to stdout/stderr and let the platform collect and rotate them.',
      started: '`{{name}}` is started inside the app container; leave log collection to the platform.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const base = baseImageOf(stage);
    if (base && SHIPPER_IMAGES.test(officialName(base.name))) return;
    const info = startInfo(model);
    // An image built to run the shipper alone (its only start command) is the shipper's image.
    const commands = info?.commands.filter((c) => c.words.length > 0) ?? [];
    if (commands.length === 1 && SHIPPER_PROGRAMS.has(commands[0].program)) return;
    for (const pkg of runtimePackages(model)) {
      const name = pkg.name.toLowerCase();
      if (SHIPPER_PACKAGES.has(name) && ['apt', 'apk', 'yum', 'dnf', 'zypper', 'microdnf', 'gem'].includes(pkg.manager)) {
        report({ messageId: 'installed', data: { name: pkg.name }, range: pkg.word.range });
      }
    }
    for (const command of commands) {
      if (SHIPPER_PROGRAMS.has(command.program)) report({ messageId: 'started', data: { name: command.program }, range: command.words[0].range });
    }
  },
});
