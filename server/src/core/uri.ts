/**
 * URIs read as names (a file's name, its folders), without throwing on a malformed escape.
 *
 * Pure: no I/O.
 */

/** `text` with its %-escapes decoded; as written when they are malformed (`%zz`), as an editor's URI may be. */
export function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URI's path (what comes before any `?` or `#`), decoded. */
export function uriPath(uri: string): string {
  return decodeUri(uri.replace(/^([^?#]*)[?#].*$/, '$1'));
}
