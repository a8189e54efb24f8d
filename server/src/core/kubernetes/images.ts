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

/** Log collectors and shippers, recognised by the last path segment of the image repository. */
const LOG_SHIPPER = /^(fluentd|fluent-bit|fluentbit|fluentd-kubernetes-daemonset|td-agent|td-agent-bit|filebeat|logstash|promtail|vector|splunk-universal-forwarder|universalforwarder|rsyslog|syslog-ng|logrotate|fluent-bit-plugin-loki)$/;

/** The shipper's name when `image` is a known log collector (`fluent/fluent-bit:3.0` -> `fluent-bit`). */
export function logShipperOf(image: string | undefined): string | undefined {
  if (!image || image.includes('{{')) return undefined;
  const name = parseImageReference(image).repository.split('/').pop() ?? '';
  return LOG_SHIPPER.test(name) ? name : undefined;
}
