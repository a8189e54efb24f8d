/**
 * What the rules of the backing-services and processes factors know about databases,
 * caches and brokers: the server packages that install them, the programs that start
 * them, the ports they listen on and the official images that *are* such a service
 * (an image built to be Postgres may of course install and start Postgres).
 */
import type { DockerfileModel } from './model';
import type { ShellWord, SimpleCommand } from './shell';
import { effectiveWords } from './shell';
import { programOf, rootImage, startCommands } from './instructions';

/** Server packages of system package managers (clients and libraries are not listed on purpose). */
const SERVER_PACKAGES: { pattern: RegExp; service: string }[] = [
  { pattern: /^postgresql(-\d+(\.\d+)?)?$|^postgresql\d*(-server|-contrib)?$|^postgresql-contrib(-\d+)?$/, service: 'PostgreSQL' },
  { pattern: /^(default-)?mysql-server(-[\d.]+)?$|^mysql-community-server$|^mysql$/, service: 'MySQL' },
  { pattern: /^mariadb(-server)?(-[\d.]+)?$/, service: 'MariaDB' },
  { pattern: /^redis(-server)?$|^redis\d+$/, service: 'Redis' },
  { pattern: /^valkey(-server)?$|^keydb(-server)?$/, service: 'Valkey' },
  { pattern: /^memcached$/, service: 'Memcached' },
  { pattern: /^rabbitmq-server$/, service: 'RabbitMQ' },
  { pattern: /^mongodb(-server|-org|-org-server)?$|^mongod$/, service: 'MongoDB' },
  { pattern: /^elasticsearch(-oss)?$|^opensearch$/, service: 'Elasticsearch' },
  { pattern: /^kafka$|^confluent-kafka$/, service: 'Kafka' },
  { pattern: /^zookeeperd?$/, service: 'ZooKeeper' },
  { pattern: /^cassandra$/, service: 'Cassandra' },
  { pattern: /^couchdb$/, service: 'CouchDB' },
  { pattern: /^neo4j$/, service: 'Neo4j' },
  { pattern: /^influxdb2?$/, service: 'InfluxDB' },
  { pattern: /^clickhouse-server$/, service: 'ClickHouse' },
  { pattern: /^mosquitto$/, service: 'Mosquitto' },
  { pattern: /^nats-server$/, service: 'NATS' },
  { pattern: /^activemq$/, service: 'ActiveMQ' },
];

export const SYSTEM_MANAGERS = new Set(['apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);

/**
 * Package managers of RPM distributions (Fedora, RHEL, CentOS, Amazon Linux), where `postgresql` (`postgresql15`),
 * `mysql` and `mariadb` are the clients and the servers are `postgresql-server`, `mysql-server`, `mariadb-server`.
 */
const RPM_MANAGERS = new Set(['yum', 'dnf', 'microdnf']);
const RPM_CLIENTS = /^(postgresql\d*|mysql|mariadb)(-[\d.]+)?$/;

/** The service whose server `name` installs with `manager` (`apt`, `apk`, `dnf` …), or undefined for a client or a library. */
export function serverPackage(name: string, manager?: string): string | undefined {
  const lower = name.toLowerCase();
  if (manager !== undefined && RPM_MANAGERS.has(manager) && RPM_CLIENTS.test(lower)) return undefined;
  return SERVER_PACKAGES.find((p) => p.pattern.test(lower))?.service;
}

/** Programs that run a backing service in the foreground or start it as a daemon. */
const SERVER_PROGRAMS: Record<string, string> = {
  postgres: 'PostgreSQL',
  'pg_ctl': 'PostgreSQL',
  'pg_ctlcluster': 'PostgreSQL',
  mysqld: 'MySQL',
  'mysqld_safe': 'MySQL',
  mariadbd: 'MariaDB',
  'mariadbd-safe': 'MariaDB',
  'redis-server': 'Redis',
  'valkey-server': 'Valkey',
  'keydb-server': 'Valkey',
  memcached: 'Memcached',
  'rabbitmq-server': 'RabbitMQ',
  mongod: 'MongoDB',
  elasticsearch: 'Elasticsearch',
  'kafka-server-start.sh': 'Kafka',
  'kafka-server-start': 'Kafka',
  'zookeeper-server-start.sh': 'ZooKeeper',
  cassandra: 'Cassandra',
  mosquitto: 'Mosquitto',
  'nats-server': 'NATS',
};

/** Init-script names (`service <name> start`, `/etc/init.d/<name> start`). */
const SERVICE_NAMES: Record<string, string> = {
  postgresql: 'PostgreSQL',
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mysqld: 'MySQL',
  mariadb: 'MariaDB',
  'redis-server': 'Redis',
  redis: 'Redis',
  memcached: 'Memcached',
  'rabbitmq-server': 'RabbitMQ',
  mongod: 'MongoDB',
  mongodb: 'MongoDB',
  elasticsearch: 'Elasticsearch',
  cassandra: 'Cassandra',
};

export interface ServiceStart {
  service: string;
  /** The words that start it (`redis-server`, or `service postgresql start`). */
  first: ShellWord;
  last: ShellWord;
}

/** Whether a simple command starts a backing service, and which. */
export function serviceStartOf(command: SimpleCommand): ServiceStart | undefined {
  const words = effectiveWords(command);
  const program = programOf(words);
  if (program === 'pg_ctl' || program === 'pg_ctlcluster') {
    const verb = words.find((w) => w.value === 'start');
    return verb ? { service: 'PostgreSQL', first: words[0], last: verb } : undefined;
  }
  if (SERVER_PROGRAMS[program] && !words.slice(1).some((w) => /^(--?version|-v|--help|-h)$/.test(w.value))) {
    // `postgres` also names the client user in `su postgres`; those are wrappers we don't strip, so fine.
    return { service: SERVER_PROGRAMS[program], first: words[0], last: words[0] };
  }
  if (program === 'service' && words.length >= 3 && /^(start|restart)$/.test(words[2].value)) {
    const service = SERVICE_NAMES[words[1].value.toLowerCase()];
    if (service) return { service, first: words[0], last: words[2] };
  }
  if (program === 'systemctl' && words.length >= 3 && /^(start|restart)$/.test(words[1].value)) {
    const service = SERVICE_NAMES[words[2].value.toLowerCase().replace(/\.service$/, '')];
    if (service) return { service, first: words[0], last: words[2] };
  }
  const init = /^\/etc\/init\.d\/(.+)$/.exec(words[0]?.value ?? '');
  if (init && /^(start|restart)$/.test(words[1]?.value ?? '')) {
    const service = SERVICE_NAMES[init[1].toLowerCase()];
    if (service) return { service, first: words[0], last: words[1] };
  }
  return undefined;
}

/** Well-known ports of backing services. */
export const SERVICE_PORTS: Record<number, string> = {
  5432: 'PostgreSQL',
  3306: 'MySQL',
  6379: 'Redis',
  27017: 'MongoDB',
  5672: 'RabbitMQ',
  15672: 'RabbitMQ management',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  11211: 'Memcached',
  9092: 'Kafka',
  2181: 'ZooKeeper',
  1433: 'SQL Server',
  1521: 'Oracle Database',
  9042: 'Cassandra',
  7687: 'Neo4j',
  5984: 'CouchDB',
  4222: 'NATS',
  1883: 'MQTT',
};

const SERVICE_IMAGES = /^(postgres|postgis\/postgis|bitnami\/postgresql|mysql|mariadb|percona|redis|valkey\/valkey|bitnami\/redis|memcached|rabbitmq|mongo|mongodb\/mongodb-community-server|elasticsearch|docker\.elastic\.co\/elasticsearch\/elasticsearch|opensearchproject\/opensearch|bitnami\/kafka|confluentinc\/cp-kafka|apache\/kafka|zookeeper|cassandra|couchdb|neo4j|influxdb|clickhouse\/clickhouse-server|eclipse-mosquitto|nats|mcr\.microsoft\.com\/mssql\/server|timescale\/timescaledb(-ha)?)$/;

/** Strips `docker.io/` and `library/` so official images compare by their short name. */
export function shortImageName(name: string): string {
  return name.toLowerCase().replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

/**
 * True when the final image is itself a backing service: built FROM an official service
 * image, or started with nothing but a service program. Such an image is the attached
 * resource, not an application that embeds one.
 */
export function isServiceImage(model: DockerfileModel): boolean {
  const image = rootImage(model.finalStage);
  if (image?.name && SERVICE_IMAGES.test(shortImageName(image.name))) return true;
  const starts = startCommands(model);
  const commands = starts.flatMap((s) => s.commands);
  if (commands.length === 0) return false;
  // ENTRYPOINT ["docker-entrypoint.sh"] CMD ["postgres"] and the like: every command is the service or a wrapper script.
  const services = commands.filter((c) => serviceStartOf(c));
  return services.length > 0 && commands.every((c) => serviceStartOf(c) || /entrypoint|docker-entrypoint/.test(programOf(effectiveWords(c))));
}
