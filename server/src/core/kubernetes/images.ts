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
  const last = trimmed.split('/').pop() ?? trimmed;
  // A fill-in in the name or tag (`app:$TAG`), or before a name without a tag (`$REGISTRY/app`, `docker.io/{username}/app`:
  // the tool that fills it in may add the tag too). Before a name with a written tag (`${REPOSITORY_PREFIX}/app:latest`),
  // the tag is the file's own: judged.
  if (/[$<>{}]/.test(last) || (/[$<>{}]/.test(trimmed) && !last.includes(':'))) return true;
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
 * Official Docker Hub images: the only single-word names Docker Hub resolves as written (`nginx` means
 * `docker.io/library/nginx`). The library as of 2025, with the deprecated ones that can still be pulled
 * (`centos`, `java`, `jenkins`, `django`, `opensuse`).
 */
const OFFICIAL_IMAGES = new Set((
  'adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux backdrop bash bonita ' +
  'buildpack-deps busybox caddy cassandra chronograf cirros clearlinux clefos clickhouse clojure composer consul convertigo ' +
  'couchbase couchdb crate dart debian docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang ' +
  'fedora flink fluentd friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world hitch httpd ' +
  'hylang ibm-semeru-runtimes ibmjava influxdb irssi jetty joomla jruby julia kapacitor kibana kong krakend lightstreamer ' +
  'liquibase logstash mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql nats neo4j ' +
  'neurodebian nextcloud nginx node notary odoo open-liberty openjdk oraclelinux orientdb percona perl photon php ' +
  'php-zendserver phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star redis redmine registry ' +
  'rethinkdb rocket.chat rockylinux ros ruby rust sapmachine satosa silverpeas sl solr sonarqube spark spiped storm swift ' +
  'swipl teamspeak telegraf tomcat tomee traefik ubuntu unit varnish vault websphere-liberty wordpress xwiki yourls znc zookeeper ' +
  // Deprecated, still pullable.
  'adoptopenjdk celery centos django euleros fsharp glassfish iojs java jenkins jobber kaazing-gateway known nats-streaming ' +
  'nuxeo opensuse owncloud piwik rails rapidoid sentry sourcemage swarm thrift ubuntu-debootstrap ubuntu-upstart'
).split(' '));

/**
 * Single-word names that Podman, Buildah and CRI-O resolve through their short-name aliases (containers-common's
 * `shortnames.conf`) to a registry other than Docker Hub, beyond the official images above.
 */
const SHORT_NAME_ALIASES = new Set('ubi7 ubi8 ubi9 ubi7-minimal ubi8-minimal ubi9-minimal ubi8-micro ubi9-micro ubi7-init ubi8-init ubi9-init fedora-minimal fedora-toolbox toolbox'.split(' '));

/**
 * A single-word name that no registry resolves as written: not an official image, not a short-name alias. In a
 * manifest it is a logical name that a build tool replaces before deploying (Skaffold artifacts, `ko`, a Kustomize
 * overlay's `images:`: `echo-grpc`, `anthropic-dispatcher`); after a Dockerfile's `FROM` it is an image built
 * locally by another Dockerfile of the project (`openmpi`, `rust-x86_64-unknown-linux-gnu`), checked on its own.
 * `nginx` is a real image.
 */
export function isLogicalImageName(reference: string): boolean {
  const trimmed = reference.trim();
  if (isGoImportPath(trimmed)) return true;
  if (/[/:@]/.test(trimmed) || !/^[a-z0-9][a-z0-9._-]*$/.test(trimmed)) return false;
  return !OFFICIAL_IMAGES.has(trimmed) && !SHORT_NAME_ALIASES.has(trimmed);
}

/**
 * A Go import path that `ko` builds and replaces with the image it pushes: `ko://github.com/org/app/cmd/server`, or,
 * as older `ko` read it, the bare path (`github.com/org/app/cmd/server`). A source host is no registry: nothing can
 * be pulled from `github.com/…`, `gitlab.com/…` or `bitbucket.org/…` (GitHub's registry is `ghcr.io`).
 */
function isGoImportPath(reference: string): boolean {
  if (reference.startsWith('ko://')) return true;
  const host = reference.slice(0, reference.indexOf('/') + 1).toLowerCase();
  return host === 'github.com/' || host === 'gitlab.com/' || host === 'bitbucket.org/';
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
const MOVING_TAGS = new Set([
  'latest', 'main', 'master', 'lts', 'stable', 'edge', 'nightly', 'dev', 'develop', 'development', 'canary', 'head', 'trunk', 'unstable', 'testing', 'rolling',
  'snapshot', 'current', 'beta', 'alpha', 'next', 'staging', 'stage', 'prod', 'production', 'release',
  // A variant without a version (`redis:alpine`, `google/cloud-sdk:slim`): the newest release built that way.
  'alpine', 'slim', 'alpine-slim',
]);

/** Channel words that may lead a tag with a variant after them (`lts-alpine`, `current-slim`, `latest-bookworm-slim`). */
const CHANNELS = new Set(['latest', 'lts', 'stable', 'current', 'edge', 'mainline', 'nightly', 'beta', 'alpha', 'canary', 'dev', 'develop', 'main', 'master', 'next', 'unstable', 'testing', 'rolling']);
/** A build variant without a version of the image's own software: a base distribution (with its version) or a size. */
const VARIANT = /^(alpine(\d+(\.\d+)*)?|slim|bookworm|bullseye|buster|trixie|jammy|focal|noble|bionic)$/;

export function isMovingTag(tag: string): boolean {
  const lower = tag.toLowerCase();
  if (MOVING_TAGS.has(lower)) return true;
  // A channel built on a variant (`node:lts-alpine`): the channel's newest release, built that way; Chainguard's
  // `latest-dev` is its `latest` with a shell and package manager.
  const parts = lower.split('-');
  if (parts.length > 1 && CHANNELS.has(parts[0]) && parts.slice(1).every((part) => VARIANT.test(part) || part === 'dev')) return true;
  // `latest-` and a line (`lukemathwalker/cargo-chef:latest-rust-1`): the newest build on that line's newest release,
  // unless the rest names one release (`latest-1.4.2`) or a dated build (`latest-20240611`).
  return parts.length > 1 && parts[0] === 'latest' && !parts.slice(1).some((part) => /^v?\d+\.\d+\.\d+|^\d{8}/.test(part));
}

/** Images whose releases are named by a distribution's codename (`debian:bookworm`, `ubuntu:jammy`): the codename is the version. */
const DISTRIBUTION_IMAGES = new Set(['debian', 'ubuntu', 'buildpack-deps', 'alpine']);

/**
 * True when `tag` moves for images of `repository`: a moving tag (isMovingTag), or, on an image that is not a
 * distribution's own, a tag made only of the distribution and size it is built on (`node:bullseye-slim`,
 * `python:alpine3.19`, `ruby:bookworm`), which follows the image's newest release on that base.
 */
export function isMovingTagOf(repository: string, tag: string): boolean {
  if (isMovingTag(tag)) return true;
  const parts = tag.toLowerCase().split('-');
  return parts.every((part) => VARIANT.test(part)) && !DISTRIBUTION_IMAGES.has(repository.slice(repository.lastIndexOf('/') + 1).toLowerCase());
}

/**
 * The release a tag names, without the build variant that follows it (`9.6-alpine` and `9.6` are release `9.6`,
 * `3.12-slim-bookworm` is `3.12`): the same software built on another base or size.
 */
export function tagRelease(tag: string): string {
  const parts = tag.toLowerCase().split('-');
  const variant = parts.findIndex((part, i) => i > 0 && VARIANT.test(part));
  return variant > 0 ? parts.slice(0, variant).join('-') : tag.toLowerCase();
}

/** Log collectors and shippers, recognised by the last path segment of the image repository. */
const LOG_SHIPPER = /^(fluentd|fluent-bit|fluentbit|fluentd-kubernetes-daemonset|td-agent|td-agent-bit|filebeat|logstash|promtail|vector|splunk-universal-forwarder|universalforwarder|rsyslog|syslog-ng|logrotate|fluent-bit-plugin-loki)$/;

/** The shipper's name when `image` is a known log collector (`fluent/fluent-bit:3.0` -> `fluent-bit`). */
export function logShipperOf(image: string | undefined): string | undefined {
  if (!image || image.includes('{{')) return undefined;
  const name = parseImageReference(image).repository.split('/').pop() ?? '';
  return LOG_SHIPPER.test(name) ? name : undefined;
}
