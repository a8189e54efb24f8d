/**
 * Masking for anything secret-like that a message or report might echo: findings
 * show the shape of a secret, never the secret.
 */

/** Keeps the first characters (enough to recognise the kind of token) and hides the rest. */
export function maskSecret(value: string): string {
  if (value.length <= 4) return '****';
  const visible = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, visible)}${'*'.repeat(Math.min(8, value.length - visible))}`;
}

/** Replaces the password of `scheme://user:password@host` with `****`. */
export function maskUrlCredentials(value: string): string {
  return value.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]+:)([^@/\s]+)(@)/gi, '$1****$3');
}
