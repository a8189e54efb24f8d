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
