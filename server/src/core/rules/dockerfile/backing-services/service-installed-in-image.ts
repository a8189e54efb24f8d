import { defineDockerfileRule } from '../../../rule';
import { runtimePackages } from '../../../dockerfile/packages';
import { SYSTEM_MANAGERS, isServiceImage, serverPackage } from '../../../dockerfile/backing-services';

export default defineDockerfileRule({
  meta: {
    id: 'backing-services/service-installed-in-image',
    factor: 'backing-services',
    defaultSeverity: 'warning',
    description: 'A database, cache or broker server (PostgreSQL, MySQL, Redis, RabbitMQ, MongoDB…) is installed into the application image.',
    rationale: [
      'Backing services are attached resources that live beside the app, with their own lifecycle, storage and scaling.',
      'Installing `postgresql`, `mysql-server`, `redis-server` or `rabbitmq-server` into the application image bundles',
      'one specific instance with every replica: data lives in a disposable container, each replica gets its own',
      'database, and you cannot swap in a managed service without rebuilding.',
      '',
      'Run the service as its own container or managed offering and connect to it through config. Client tools and',
      'libraries (`postgresql-client`, `libpq-dev`, `redis-tools`, `default-mysql-client`) are fine, and so are `postgresql`,',
      '`mysql` and `mariadb` installed with `dnf`, `yum` or `microdnf`: on Fedora, RHEL and Amazon Linux those are the',
      'clients (the servers are `postgresql-server`, `mysql-server`, `mariadb-server`). Images that *are* the',
      'service (built FROM an official service image, or starting only the service) and builder stages are not reported.',
    ].join('\n'),
    messages: {
      installed: '`{{name}}` installs a {{service}} server into the app image; run {{service}} as a separate service and attach it via config.',
    },
  },
  check({ model, report }) {
    if (isServiceImage(model)) return;
    for (const pkg of runtimePackages(model)) {
      if (!SYSTEM_MANAGERS.has(pkg.manager)) continue;
      const service = serverPackage(pkg.name, pkg.manager);
      if (service) report({ messageId: 'installed', data: { name: pkg.name, service }, range: pkg.word.range });
    }
  },
});
