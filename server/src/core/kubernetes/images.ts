/** Splitting an image reference (`registry:5000/team/app:1.2@sha256:…`) into its parts. */

export interface ImageParts {
  /** Repository including registry and path, without tag or digest. */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

export function parseImageReference(reference: string): ImageParts {
  const at = reference.indexOf('@');
  const withoutDigest = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  // A colon after the last slash is a tag; one before it belongs to a registry port.
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { repository: withoutDigest, tag: undefined, digest };
}

/**
 * What an image field holds before anything is pulled: a reference to judge, or a placeholder a
 * tool fills in (`$IMAGE_URL`, `${IMAGE_URI}`, `<YOUR-CONTAINER>`, `<image_url>`, `CONTAINER_IMAGE`,
 * `{{ .Values.image }}`). A placeholder says nothing about the tag that will run. Registry or
 * project placeholders before the name (`REGION-docker.pkg.dev/PROJECT_ID/app:latest`) do not
 * make the name itself a placeholder.
 */
export function isPlaceholderImage(reference: string): boolean {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.includes('{{')) return true;
  // A fill-in anywhere in the reference (`docker.io/{username}/app`, `$REGISTRY/app`, `<registry>/app`).
  if (/[$<>{}]/.test(trimmed)) return true;
  const last = trimmed.split('/').pop() ?? trimmed;
  const name = last.split(/[:@]/)[0];
  // An ALL_CAPS identifier with an underscore (or the whole reference in capitals) is a fill-in, never a real repository name.
  return /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name) || /^[A-Z][A-Z0-9_-]*$/.test(trimmed);
}

/**
 * Images that stand in for a workload whose content does not matter: the pause container (it only holds a
 * pod's namespaces), Kubernetes' old end-to-end test web server and the perf-tests `sleep` image, used by
 * volume, scheduling and queueing demos.
 */
export function isStandInImage(repository: string): boolean {
  return /(^|\/)(pause(-amd64|-arm64)?|test-webserver)$/.test(repository) || /(^|\/)perf-tests\/sleep$/.test(repository);
}

/**
 * Official Docker Hub images: the only single-word names a registry resolves as written
 * (`nginx` means `docker.io/library/nginx`). Kept to the ones manifests commonly run.
 */
const OFFICIAL_IMAGES = new Set(('adminer aerospike almalinux alpine amazoncorretto amazonlinux arangodb bash bonita buildpack-deps busybox caddy cassandra centos chronograf clickhouse clojure composer consul couchbase couchdb crate debian docker drupal eclipse-mosquitto eclipse-temurin elasticsearch elixir erlang fedora flink fluentd gcc ghost golang gradle groovy haproxy haskell hello-world httpd hylang ibmjava influxdb jetty joomla jruby julia kapacitor kibana kong liquibase logstash mariadb matomo maven mediawiki memcached mongo mongo-express mysql nats neo4j nextcloud nginx node odoo openjdk oraclelinux orientdb percona perl php php-zendserver phpmyadmin postgres postfixadmin pypy python rabbitmq redis redmine registry rethinkdb rocket.chat rockylinux ruby rust sapmachine solr sonarqube spark storm swift telegraf tomcat tomee traefik ubuntu varnish vault wordpress xwiki zookeeper').split(' '));

/**
 * A logical name that a build tool replaces before deploying (Skaffold artifacts, `ko`, a Kustomize
 * overlay's `images:`): one word, no registry, no tag, and not an official image that a registry
 * would resolve. `nginx` is a real image; `echo-grpc` or `anthropic-dispatcher` can only be a
 * name some tool rewrites.
 */
export function isLogicalImageName(reference: string): boolean {
  const trimmed = reference.trim();
  if (/[/:@]/.test(trimmed) || !/^[a-z0-9][a-z0-9._-]*$/.test(trimmed)) return false;
  return !OFFICIAL_IMAGES.has(trimmed);
}

/** An official Docker Hub image (`nginx`, `library/nginx`, `docker.io/library/nginx`), by its repository. */
export function isOfficialImage(repository: string): boolean {
  return OFFICIAL_IMAGES.has(officialName(repository));
}

/** `node`, `library/node`, `docker.io/library/node` -> `node`. */
export function officialName(name: string): string {
  return name.replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, '');
}

/**
 * A repository whose name already carries a version (`…-inference-cu124.2-3.ubuntu2204.py311`, as
 * vendors publish one repository per release line): left untagged, it still names that line, so
 * being untagged is not the same drift as a bare `nginx`.
 */
export function isVersionedRepository(repository: string): boolean {
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  return /\d\.\d/.test(last);
}

/**
 * Tags that name a moving target rather than a build: each push replaces what they point at.
 * `latest` is the implicit one; the others are branch or channel names.
 */
const MOVING_TAGS = new Set(['latest', 'main', 'master', 'lts', 'stable', 'edge', 'nightly', 'dev', 'develop', 'development', 'canary', 'head', 'trunk', 'unstable', 'testing', 'rolling']);

export function isMovingTag(tag: string): boolean {
  return MOVING_TAGS.has(tag.toLowerCase());
}

/** Log collectors and shippers, recognised by the last path segment of the image repository. */
const LOG_SHIPPER = /^(fluentd|fluent-bit|fluentbit|fluentd-kubernetes-daemonset|td-agent|td-agent-bit|filebeat|logstash|promtail|vector|splunk-universal-forwarder|universalforwarder|rsyslog|syslog-ng|logrotate|fluent-bit-plugin-loki)$/;

/** The shipper's name when `image` is a known log collector (`fluent/fluent-bit:3.0` -> `fluent-bit`). */
export function logShipperOf(image: string | undefined): string | undefined {
  if (!image || image.includes('{{')) return undefined;
  const name = parseImageReference(image).repository.split('/').pop() ?? '';
  return LOG_SHIPPER.test(name) ? name : undefined;
}
