/**
 * Recognising backing services in manifests: images of datastores, caches and
 * brokers, and locators (URLs, host names) that point at one.
 */
import { perString } from '../string-memo';
import { officialName, parseImageReference } from './images';
import { isIdleCommand, programOf, type ContainerCommand } from './commands';
import type { ContainerPort, EnvEntry } from './model';

export interface Datastore {
  /** Human name, e.g. "PostgreSQL". */
  name: string;
  /** Whether its data must survive a restart (a cache such as memcached need not). */
  persistent: boolean;
}

/** Last path segment of an image repository -> the datastore it runs. */
const DATASTORE_IMAGES: [RegExp, Datastore][] = [
  [/^(postgres|postgresql|postgis|timescaledb|timescaledb-ha|pgvector|postgresql-repmgr)$/, { name: 'PostgreSQL', persistent: true }],
  [/^(mysql|mysql-server|percona-server|percona)$/, { name: 'MySQL', persistent: true }],
  [/^mariadb(-galera)?$/, { name: 'MariaDB', persistent: true }],
  [/^(mongo|mongodb|mongodb-community-server|mongodb-enterprise-server)$/, { name: 'MongoDB', persistent: true }],
  [/^(redis|redis-stack|redis-stack-server|valkey|keydb|redis-cluster)$/, { name: 'Redis', persistent: false }],
  [/^memcached$/, { name: 'memcached', persistent: false }],
  [/^rabbitmq$/, { name: 'RabbitMQ', persistent: true }],
  [/^(cassandra|scylla)$/, { name: 'Cassandra', persistent: true }],
  [/^(docker-)?(elasticsearch|opensearch)(-kubernetes)?$/, { name: 'Elasticsearch', persistent: true }],
  [/^(couchdb|couchbase|neo4j|influxdb|clickhouse-server|cockroach|rethinkdb|arangodb|orientdb|questdb|aerospike|yugabyte|surrealdb)$/, { name: 'a database', persistent: true }],
  [/^(kafka|cp-kafka)$/, { name: 'Kafka', persistent: true }],
  [/^(etcd(-\d+)?(-centos\d+|-rhel\d+)?|zookeeper|cp-zookeeper)$/, { name: 'a coordination store', persistent: true }],
];

/** The datastore an image runs, judged by the repository's last path segment (`bitnami/postgresql:16` -> PostgreSQL). */
export function datastoreOfImage(image: string | undefined): Datastore | undefined {
  if (!image || image.includes('{{')) return undefined;
  // Several rules ask about every container's image, and a manifest repeats a few images: each is judged once.
  return rememberedDatastore(image);
}

const rememberedDatastore = perString(judgeImage);

function judgeImage(image: string): Datastore | undefined {
  const repository = parseImageReference(image).repository.toLowerCase();
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  for (const [pattern, store] of DATASTORE_IMAGES) if (pattern.test(last)) return store;
  return undefined;
}

/** Words of an image name that name a datastore, with the port its server listens on by default. */
const DATASTORE_WORDS: Record<string, { port: number; store: Datastore }> = {
  postgres: { port: 5432, store: { name: 'PostgreSQL', persistent: true } },
  postgresql: { port: 5432, store: { name: 'PostgreSQL', persistent: true } },
  mysql: { port: 3306, store: { name: 'MySQL', persistent: true } },
  mariadb: { port: 3306, store: { name: 'MariaDB', persistent: true } },
  mongo: { port: 27017, store: { name: 'MongoDB', persistent: true } },
  mongodb: { port: 27017, store: { name: 'MongoDB', persistent: true } },
  redis: { port: 6379, store: { name: 'Redis', persistent: false } },
  rabbitmq: { port: 5672, store: { name: 'RabbitMQ', persistent: true } },
};

/** The database a `…-db` image serves when it declares that database's port (Sock Shop's `catalogue-db` on 3306). */
const DATABASE_PORTS: Record<number, Datastore> = {
  5432: DATASTORE_WORDS.postgres.store,
  3306: DATASTORE_WORDS.mysql.store,
  27017: DATASTORE_WORDS.mongodb.store,
};

/** Words of an image name that make it a tool around a datastore, not the datastore (mongo-express, redis-commander, mysql-router). */
const TOOL_WORDS = new Set(['express', 'commander', 'admin', 'ui', 'web', 'gui', 'console', 'insight', 'client', 'cli', 'init', 'migrate', 'migrations', 'migration', 'seed', 'router', 'operator', 'exporter', 'proxy', 'backup', 'dump', 'sentinel', 'test', 'tests']);

/**
 * The datastore a container's image runs: by the image's name (datastoreOfImage), or, for an application's own
 * build of one (`robotshop/rs-mongodb`, `rs-mysql-db`, `catalogue-db`), by a datastore word or `db` in the name
 * together with that datastore's default port declared by the container. Tools named after a datastore
 * (`mongo-express`, `redis-commander`, exporters, proxies) are not one.
 */
export function datastoreOfContainer(container: { image: string | undefined; ports: readonly ContainerPort[] }): Datastore | undefined {
  const named = datastoreOfImage(container.image);
  if (named || !container.image || container.image.includes('{{') || container.ports.length === 0) return named;
  const words = candidateWords(container.image);
  if (!words) return undefined;
  const declares = (port: number) => container.ports.some((p) => p.containerPort === port);
  for (const word of words) {
    const known = Object.hasOwn(DATASTORE_WORDS, word) ? DATASTORE_WORDS[word] : undefined;
    if (known && declares(known.port)) return known.store;
  }
  if (words.includes('db') || words.includes('database')) {
    for (const p of container.ports) if (p.containerPort !== undefined && Object.hasOwn(DATABASE_PORTS, p.containerPort)) return DATABASE_PORTS[p.containerPort];
  }
  return undefined;
}

/** The words of an image's name when it may be an application's own datastore build; undefined for tools and helpers. Judged once per image. */
const candidateWords = perString((image: string): string[] | undefined => {
  if (isAuxiliaryImage(image)) return undefined;
  const repository = parseImageReference(image).repository.toLowerCase();
  const words = repository.slice(repository.lastIndexOf('/') + 1).split(/[-_.]/);
  return words.some((w) => TOOL_WORDS.has(w)) ? undefined : words;
});

/** Programs that talk to a datastore rather than serve one: shells, dump and load tools, benchmarks. */
const CLIENT_PROGRAMS = /^(psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|pgbench|pg_isready|mysql|mysqldump|mysqlpump|mysqladmin|mysqlsh|mysqlslap|sysbench|mongo|mongosh|mongodump|mongorestore|mongoimport|mongoexport|redis-cli|redis-benchmark|memtier_benchmark|cqlsh|cassandra-stress|nodetool|kcat|kafkacat|kafka-console-(producer|consumer)(\.sh)?|kafka-topics(\.sh)?|kafka-producer-perf-test(\.sh)?|kafka-consumer-perf-test(\.sh)?|rabbitmqadmin|perf-test|curl|wget|esrally|bats)$/;

/** Commands a client's script runs around the client itself: shell built-ins and file utilities. */
const SHELL_HELPERS = /^(echo|printf|set|export|unset|cd|true|false|:|test|\[|ls|cat|chmod|chown|mkdir|cp|mv|rm|touch|date|tee|env|sleep|trap|source|\.)$/;

/**
 * The datastore a container serves: judged by its image, unless its command replaces the server
 * (an idle toolbox `sleep infinity`, or a client such as `psql`, `mysqldump`, `kcat`, `pgbench`
 * as the program it runs). A `postgres:16` image started as `sleep 3600` is a client pod.
 */
export function datastoreServedBy(container: { image: string | undefined; ports: readonly ContainerPort[] }, command: ContainerCommand | undefined, env: readonly EnvEntry[] = []): Datastore | undefined {
  const store = datastoreOfContainer(container);
  // An Elasticsearch coordinating-only node (`NODE_DATA=false`, `NODE_MASTER=false`) serves no data of its own.
  const setting = (name: string) => env.find((e) => e.name === name)?.value?.toLowerCase();
  if (store?.name === 'Elasticsearch' && setting('NODE_DATA') === 'false' && setting('NODE_MASTER') === 'false') return undefined;
  if (!store || !command || command.templated) return store;
  if (isIdleCommand(command)) return undefined;
  // Shell built-ins and file utilities around the client (`chmod 600 ~/.pgpass && psql …`) serve nothing either.
  const programs = command.commands.map(programOf).filter((p) => p !== '' && !SHELL_HELPERS.test(p));
  if (programs.length > 0 && programs.every((p) => CLIENT_PROGRAMS.test(p))) return undefined;
  return !store.persistent && store.name === 'Redis' && persistsRedis(command) ? { ...store, persistent: true } : store;
}

/**
 * True when a Redis server is told to keep its data on disk (`--appendonly yes`, a `--save` with snapshot points): it is
 * used as a store, not as a cache that may start empty.
 */
function persistsRedis(command: ContainerCommand): boolean {
  for (const { words } of command.commands) {
    for (let i = 0; i < words.length; i++) {
      const [option, inline] = words[i].value.split('=', 2);
      const value = (inline ?? words[i + 1]?.value ?? '').trim();
      if (option === '--appendonly' && value.toLowerCase() === 'yes') return true;
      if (option === '--save' && value !== '' && value !== '""' && value !== "''" && !value.startsWith('--')) return true;
    }
  }
  return false;
}

/** Where Docker's official datastore images keep their data unless told otherwise, by the image's official name. */
const DATA_DIRECTORIES: Readonly<Record<string, string>> = {
  postgres: '/var/lib/postgresql/data',
  mysql: '/var/lib/mysql',
  mariadb: '/var/lib/mysql',
  mongo: '/data/db',
  redis: '/data',
  // Its database (mnesia); the folder above also holds the Erlang cookie, which a restart may regenerate harmlessly.
  rabbitmq: '/var/lib/rabbitmq/mnesia',
};

/** Options with which a datastore's command moves its data (`--datadir`, `--dbpath`, `--dir`, `-c data_directory=…`). */
const DATA_DIRECTORY_OPTION = /^(--datadir|--dbpath|--dir|data_directory=|--data-dir)/;

/**
 * The folder an official datastore image keeps its data in: `postgres`'s `PGDATA` (else /var/lib/postgresql/data),
 * `mysql`'s /var/lib/mysql, `mongo`'s /data/db… Undefined for other images, or when the command or args may move it.
 */
export function dataDirectoryOf(container: { image: string | undefined; env: readonly EnvEntry[] }, command: ContainerCommand | undefined): string | undefined {
  if (!container.image || container.image.includes('{{')) return undefined;
  const name = officialName(parseImageReference(container.image).repository);
  const fallback = Object.hasOwn(DATA_DIRECTORIES, name) ? DATA_DIRECTORIES[name] : undefined;
  if (!fallback || command?.templated || command?.argv.some((w) => DATA_DIRECTORY_OPTION.test(w.value))) return undefined;
  if (name !== 'postgres') return fallback;
  const pgdata = container.env.find((e) => e.name === 'PGDATA');
  if (!pgdata) return fallback;
  return pgdata.value !== undefined && pgdata.value.startsWith('/') && !pgdata.value.includes('$') ? pgdata.value : undefined;
}

/** Helpers that accompany a datastore or any app without being the app: exporters, proxies, backup agents, log shippers, meshes. */
export function isAuxiliaryImage(image: string | undefined): boolean {
  if (!image) return false;
  const repository = parseImageReference(image).repository.toLowerCase();
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  return /exporter|metrics|backup|wal-g|pgbackrest|istio|envoy|linkerd|proxy|pgbouncer|odyssey|fluent|filebeat|promtail|vector|git-sync|busybox|alpine|curl|sidecar|agent|vault/.test(last);
}

/** URL schemes of backing services (databases, caches, brokers, search). */
export const BACKING_SCHEMES = /^(postgres(ql)?|mysql|mariadb|redis|rediss|amqps?|mongodb(\+srv)?|memcached?|nats|kafka|cassandra|elasticsearch|clickhouse|mssql|sqlserver|oracle|couchdb|neo4j|bolt|ldaps?|smtps?|s3)$/i;

/** Env names that carry a locator of a backing service: `DB_HOST`, `RDS_HOST`, `REDIS_URL`, `DATABASE_URL`, `AMQP_ADDR`, `SMTP_SERVER`... */
// The lookahead jumps to the last service word at once (the most permissive start), so the tail is read once.
export const LOCATOR_NAME = /^(?=((?:[\s\S]*_)?(?:DB|DATABASE|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|MONGO(?:DB)?|REDIS|CACHE|MEMCACHED?|RABBIT(?:MQ)?|AMQP|BROKER|MQ|QUEUE|KAFKA|NATS|ELASTIC(?:SEARCH)?|ES|OPENSEARCH|SOLR|SMTP|MAIL|LDAP|CASSANDRA|RDS|AURORA|DOCDB|DOCUMENTDB|NEPTUNE|REDSHIFT|MSSQL|SQLSERVER|ORACLE)(?=_)))\1(_[A-Z0-9]+)*_(HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|SERVER|SERVERS|URL|URI|DSN|ENDPOINT|BROKERS|BOOTSTRAP_SERVERS|NODES|CONNECTION(_STRING)?)$|^(DATABASE_URL|DB_URL|REDIS_URL|MONGO_URL|MONGODB_URI|AMQP_URL|CLOUDAMQP_URL|BROKER_URL|CELERY_BROKER_URL|CACHE_URL|ELASTICSEARCH_URL|KAFKA_BROKERS|SPRING_DATASOURCE_URL|SPRING_REDIS_HOST|SPRING_DATA_REDIS_HOST|SPRING_RABBITMQ_HOST)$/;

export interface Locator {
  /** Host as written (without port); undefined for forms we do not parse. */
  host: string | undefined;
  /** `postgres`, `jdbc:mysql`, … or undefined for a bare host. */
  scheme: string | undefined;
}

/** Parses `scheme://[user[:pass]@]host[:port][/…]`, `jdbc:sub://…` and bare `host[:port]` (first of a comma list). */
export function parseLocator(value: string): Locator | undefined {
  const v = value.trim();
  const scheme = /^(jdbc:)?([a-z][a-z0-9+.-]*):\/\//i.exec(v);
  if (scheme) {
    // The user part ends at the last `@` before the query: passwords written with `/` or `@` in them stay out of the host.
    const rest = v.slice(scheme[0].length);
    const slashAt = rest.search(/[/?#\s]/);
    const head = slashAt < 0 ? rest : rest.slice(0, slashAt);
    let at = head.lastIndexOf('@');
    const colon = head.indexOf(':');
    if (at < 0 && colon >= 0 && !/^\d*$/.test(head.slice(colon + 1))) {
      // `user:pa/ss@host`: a slash inside the password (not `host:port/path@x`).
      const queryAt = rest.search(/[?#\s]/);
      at = rest.lastIndexOf('@', (queryAt < 0 ? rest.length : queryAt) - 1);
    }
    const host = /^(\[[0-9a-f:.]+\]|[^:/?#,\s]+)/i.exec(at < 0 ? rest : rest.slice(at + 1));
    // A host with a part to fill in (`sqs.<region>.amazonaws.com`, `<your-db-host>`) locates nothing yet.
    if (host && /[<>]/.test(host[1])) return undefined;
    if (host) return { scheme: `${scheme[1] ?? ''}${scheme[2]}`.toLowerCase(), host: host[1].replace(/^\[|\]$/g, '') };
  }
  const jdbcOther = /^jdbc:([a-z0-9]+):(?:thin:)?@?\/{0,2}([^:/;?\s]+)/i.exec(v); // jdbc:oracle:thin:@host:1521/svc
  if (jdbcOther) return { scheme: `jdbc:${jdbcOther[1].toLowerCase()}`, host: jdbcOther[2] };
  const bare = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(,|$)/.exec(v);
  if (bare) return { scheme: undefined, host: bare[1].replace(/^\[|\]$/g, '') };
  return undefined;
}

export function isLoopbackHost(host: string): boolean {
  return /^(localhost|localhost\.localdomain|127(\.\d{1,3}){3}|::1|0:0:0:0:0:0:0:1)$/i.test(host);
}

export function isIpLiteral(host: string): boolean {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(host)) return host.split('.').every((p) => Number(p) <= 255);
  return /^[0-9a-f:.]+$/i.test(host) && (host.match(/:/g) ?? []).length >= 2;
}
