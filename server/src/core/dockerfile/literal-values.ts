/**
 * Judging literal ENV/ARG values: is it the locator of a backing service, does it
 * switch on an environment. (Whether it is a secret is `literalSecret` in ../secrets.)
 */
import { maskValue } from '../secrets';
import { hasReference } from './instructions';
import { datastoreOfPort, locatesBackingService, nameWords } from '../locators';

// ---------------------------------------------------------------- locators

const SERVICE_SCHEMES = /^(postgres(ql)?|postgis|mysql|mysql2|mariadb|redis|rediss|redis\+sentinel|valkey|amqp|amqps|mongodb(\+srv)?|memcached?|kafka|nats|mqtt|mqtts|cassandra|couchbase|neo4j(\+s)?|bolt|clickhouse|mssql|sqlserver|oracle|cockroachdb|elasticsearch|stomp|sqs)$/i;

/** Variable names that say they point at a backing service. */
const SERVICE_WORD = /(^|_)(DB|DATABASE|POSTGRES(QL)?|PG|MYSQL|MARIADB|MONGO(DB)?|REDIS|VALKEY|MEMCACHED?|CACHE|RABBIT(MQ)?|AMQP|KAFKA|BROKER|QUEUE|MQ|NATS|ELASTIC(SEARCH)?|ES|OPENSEARCH|SOLR|SEARCH|SMTP|MAIL|EMAIL|S3|MINIO|STORAGE|CASSANDRA|NEO4J|CLICKHOUSE|INFLUX(DB)?|SQL|MSSQL|ORACLE|COUCH(DB)?|ZOOKEEPER|ETCD|CONSUL|VAULT|SENTRY|STATSD|OTEL|JAEGER|ZIPKIN|CELERY|SIDEKIQ|RESQUE|LDAP)(_|$)/i;
const LOCATOR_SUFFIX = /(_|^)(HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|SERVER|SERVERS|ENDPOINT|URL|URI|DSN|BROKERS?|NODES?|CONNECTION|CONNECTION_STRING|CONN)$/i;
const CONNECTION_STRING_NAME = /CONNECTION_?STRING|^CONNECTIONSTRINGS__|_CONN(ECTION)?$/i;

export interface Locator {
  kind: 'url' | 'jdbc' | 'host' | 'connection-string';
  /** The value, credentials masked. */
  display: string;
  /** For a service name with a datastore's port (`qdrant:6333`): the datastore that port names. */
  service?: string;
}

function hostKind(host: string): 'loopback' | 'ip' | 'docker-host' | 'fqdn' | 'name' | 'bind' {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === '0.0.0.0' || h === '::' || h === '*') return 'bind';
  if (h === 'localhost' || /^127\./.test(h) || h === '::1') return 'loopback';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h) || /^[0-9a-f:][0-9a-f]*:[0-9a-f:]*$/.test(h)) return 'ip';
  if (h === 'host.docker.internal' || h === 'gateway.docker.internal') return 'docker-host';
  if (h.includes('.')) return 'fqdn';
  return 'name';
}

/** What follows the credentials in a URL's authority: `host[:port]`, or several hosts (`mongo1,mongo2:27017`). */
function authorityHosts(url: string): string {
  const rest = url.slice(url.indexOf('://') + 3);
  let end = 0;
  while (end < rest.length && !'/?#'.includes(rest[end])) end++;
  const authority = rest.slice(0, end);
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/** Host of `scheme://[user[:pass]@]host[:port]/…`, undefined when there is none. */
function urlHost(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#,]*)/i.exec(value);
  return m?.[1];
}

/**
 * A literal locator of a backing service in the value of variable `name`: a service URL
 * (`postgres://…`, `redis://…`, `jdbc:…`), an ADO.NET connection string, or a service
 * host that is a loopback address, an IP literal, `host.docker.internal` or a fully
 * qualified name. A bare name such as `db` (`postgres://db/app` too, without a port) is left alone: that is what
 * platform service discovery (Compose, Kubernetes Services) resolves, so it is not tied to one place.
 */
export function hardCodedLocator(name: string, value: string): Locator | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  // A local file (`file:/app/data/app.db`, Prisma's SQLite URL; `sqlite:///data/app.db`; a plain path) locates no
  // backing service: an embedded database is the processes factor's concern.
  if (/^(file|sqlite3?):/i.test(v) || v.startsWith('/') || v.startsWith('./')) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v)?.[1];
  if (scheme && SERVICE_SCHEMES.test(scheme)) {
    const host = urlHost(v);
    if (host === undefined || host === '' || hasReference(host)) return undefined;
    // A bare service name with no port after it (`postgres://db/app`, `redis://cache`, a build's stub
    // `postgresql://dummy:dummy@dummy/dummy`) is what service discovery resolves, as `DB_HOST=db` is; its credentials,
    // if any, are the secret rules' business.
    if (hostKind(host) === 'name' && authorityHosts(v) === host) return undefined;
    return { kind: 'url', display: maskValue(v) };
  }
  if (/^jdbc:[a-z0-9]+:/i.test(v)) {
    const host = urlHost(v.replace(/^jdbc:/i, '')) ?? '';
    if (hasReference(host)) return undefined;
    if (/^jdbc:(h2|sqlite|hsqldb|derby):/i.test(v)) return undefined; // embedded databases are the processes factor's concern
    return { kind: 'jdbc', display: maskValue(v) };
  }
  if (CONNECTION_STRING_NAME.test(name) && /(^|;)\s*(server|data source|host|address|addr)\s*=\s*[^;$]+/i.test(v)) {
    const host = /(^|;)\s*(server|data source|host|address|addr)\s*=\s*([^;,]+)/i.exec(v)?.[3] ?? '';
    if (hasReference(host)) return undefined;
    return { kind: 'connection-string', display: v }; // its password is masked by the engine (mask.ts)
  }
  const words = nameWords(name);
  if ((SERVICE_WORD.test(words) && LOCATOR_SUFFIX.test(words)) || /^(PGHOST|MYSQL_HOST|REDISHOST|MONGOHOST)$/.test(words) || locatesBackingService(name, v)) {
    if (hasReference(v) || /\s/.test(v)) return undefined;
    // A service name with a datastore's port (`http://elasticsearch:9200`, `qdrant:6333`) is a whole address baked in.
    const store = datastoreOfPort(v);
    if (scheme) {
      // http(s) endpoints of services (Elasticsearch, S3, Vault…): judge the host.
      const host = urlHost(v);
      if (!host || hasReference(host)) return undefined;
      const kind = hostKind(host.replace(/:\d+$/, ''));
      if (kind === 'bind' || (kind === 'name' && !store)) return undefined;
      return { kind: 'url', display: maskValue(v) };
    }
    const hosts = v.split(',').map((h) => h.trim().replace(/:\d+$/, ''));
    if (hosts.some((h) => { const k = hostKind(h); return k === 'loopback' || k === 'ip' || k === 'docker-host' || k === 'fqdn'; })) {
      return { kind: 'host', display: v };
    }
    if (store && hostKind(hosts[0]) === 'name') return { kind: 'host', display: v, service: store };
  }
  return undefined;
}

// ---------------------------------------------------------------- environment names

/** Values that name a non-production environment. */
export const NON_PRODUCTION = /^(dev|devel|develop|development|local|test|testing|stage|staging|qa|uat|sandbox|debug|preprod|pre-prod|integration|demo)$/i;
export const ENV_WORD = /^(dev|development|local|test|testing|stage|staging|qa|uat|sandbox|prod|production|preprod|live)$/i;

/**
 * An image tag that names an environment: `:staging`, `:prod`, `:1.4-staging`, `:latest-prod`. `-dev` is left out
 * (Chainguard's `latest-dev` is a variant), and so is `-prod` after a version (`ruby:2.7.2-prod`, an image's production
 * flavour beside its `-dev` one: dmitryrck/organize2 builds its one release image from it). build-release-run/
 * environment-specific-image reports such a base; the tag rules leave it to it.
 */
export const ENV_TAG = /^(dev|development|staging|stage|prod|production|qa|uat|test|testing)$|[-_.](staging|qa|uat)$|^[^0-9]*[-_.](prod|production)$/i;
