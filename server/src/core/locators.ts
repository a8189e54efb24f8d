/**
 * What a value says about a backing service, shared by the Dockerfile, Kubernetes and
 * serverless locator rules: the ports that name a datastore, the explicit port of a
 * locator, and the variable names that say their value locates a service.
 */
import { wordsOf } from './mask';

/**
 * Ports that name a datastore, cache, broker or search/vector engine when a locator states
 * them. Generic web ports (80, 443, 8080, 8000, 3000…) are absent on purpose: they say
 * nothing about what listens there.
 */
export const DATASTORE_PORTS: Record<number, string> = {
  5432: 'PostgreSQL',
  3306: 'MySQL',
  6379: 'Redis',
  27017: 'MongoDB',
  5672: 'RabbitMQ',
  5671: 'RabbitMQ',
  9200: 'Elasticsearch',
  11211: 'Memcached',
  9092: 'Kafka',
  2181: 'ZooKeeper',
  1433: 'SQL Server',
  1521: 'Oracle Database',
  9042: 'Cassandra',
  7687: 'Neo4j',
  5984: 'CouchDB',
  4222: 'NATS',
  26257: 'CockroachDB',
  8086: 'InfluxDB',
  8529: 'ArangoDB',
  6333: 'Qdrant',
  6334: 'Qdrant',
  19530: 'Milvus',
  8108: 'Typesense',
  7700: 'Meilisearch',
};

/**
 * A variable's name as upper-case words joined by single underscores, whatever its convention: `EmailServer` →
 * `EMAIL_SERVER` (.NET and Java settings), `MySQLHost` → `MY_SQL_HOST`, `Smtp__Host` (a .NET section) → `SMTP_HOST`,
 * `redis.host` → `REDIS_HOST`: the words of wordsOf, the one splitter of names. The locator name lists are written for
 * this form.
 */
export function nameWords(name: string): string {
  // Most names are written so already (`DB_HOST`): no copy.
  if (/^[A-Z0-9]+(_[A-Z0-9]+)*$/.test(name)) return name;
  return wordsOf(name).join('_').toUpperCase();
}

/** Names whose last word says the value locates something: `*_URL`, `*_ENDPOINT`, `*_HOST`, `*_ADDR`, `*_URI`, `*_DSN`. */
export const LOCATOR_SUFFIX_NAME = /(^|_)(URL|URI|ENDPOINT|HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|DSN|SERVER|SERVERS)$/i;

/**
 * The port a locator states explicitly: `scheme://[user@]host:PORT/…`, `host:PORT` or the
 * first of `host:PORT,host:PORT`. Undefined when none is written.
 */
export function explicitPort(value: string): number | undefined {
  const v = value.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)/i.exec(v);
  const authority = url ? url[1].slice(url[1].lastIndexOf('@') + 1) : v.split(',')[0];
  const port = /^(?:\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})(?:[/?#]|$)/i.exec(url ? authority : authority.trim());
  return port ? Number(port[1]) : undefined;
}

/** The datastore named by the explicit port of a locator, if that port is one of DATASTORE_PORTS. */
export function datastoreOfPort(value: string): string | undefined {
  const port = explicitPort(value);
  return port === undefined ? undefined : DATASTORE_PORTS[port];
}

/**
 * Vector and search engines and other stores that the per-target name lists did not know
 * (`QDRANT_URL`, `WEAVIATE_ENDPOINT`, `MILVUS_HOST`…): one source for every target.
 */
const EXTRA_SERVICE_WORD = /(^|_)(QDRANT|WEAVIATE|MILVUS|CHROMA(DB)?|PINECONE|TYPESENSE|MEILI(SEARCH)?|VESPA|ARANGO(DB)?|COCKROACH(DB)?|DYNAMO(DB)?|SCYLLA(DB)?|VALKEY|TIMESCALE(DB)?|PGVECTOR|ALLOYDB|SOLR|OPENSEARCH|ELASTIC(SEARCH)?|ES)(_|$)/i;

/**
 * Whether a variable's name says it locates a backing service that the target's own name list
 * may not know: a store word (`QDRANT`, `WEAVIATE`, `ES`…) followed by a locator suffix, or any
 * locator suffix when the value's explicit port names a datastore (`VECTORS_URL=http://v:6333`).
 */
export function locatesBackingService(written: string, value: string): boolean {
  const name = nameWords(written);
  if (!LOCATOR_SUFFIX_NAME.test(name) || /(^|_)(LISTEN|BIND)(_|$)/i.test(name)) return false; // where to listen, not where to connect
  return EXTRA_SERVICE_WORD.test(name) || datastoreOfPort(value) !== undefined;
}
