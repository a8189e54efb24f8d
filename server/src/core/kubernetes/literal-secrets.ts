/**
 * Deciding whether a literal value written into a manifest (an env `value:`, a
 * ConfigMap entry, a line of a config file inside a ConfigMap) is a secret, by the
 * name it is stored under and by the shape of the value itself.
 */
import { isPlaceholderValue, looksLikeSecretName, maskSecret, maskUrlCredentials, secretShapeOf } from '../secrets';
import { isTemplated } from './model';

export interface LiteralSecret {
  /** What gave it away: "its name" or a shape such as "an AWS access key id". */
  reason: string;
  /** The value with the secret part masked, safe to show. */
  masked: string;
}

/** References to a secret kept elsewhere: Kubernetes `$(VAR)`, `${VAR:default}`, secret-manager URIs and ARNs. */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v) ||
    /^\$\{[^}]+\}$/.test(v) ||
    /^(vault:|ref\+[a-z0-9]+:\/\/|arn:aws[a-z-]*:(secretsmanager|ssm|kms):|projects\/[^/]+\/secrets\/|@Microsoft\.KeyVault\(|azurekeyvault:|gcp:secretmanager:|sm:\/\/|op:\/\/|secretsmanager:|awssm:)/i.test(v)
  );
}

/** Masks a value for a message: URLs keep their shape with the password hidden, anything else its first characters. */
export function maskValue(value: string): string {
  const url = maskUrlCredentials(value);
  if (url !== value) return url.length > 80 ? `${url.slice(0, 77)}...` : url;
  return maskSecret(value);
}

export function literalSecretOf(name: string | undefined, value: string | undefined): LiteralSecret | undefined {
  if (value === undefined || isTemplated(value) || isSecretReference(value)) return undefined;
  const shape = secretShapeOf(value);
  if (shape) return { reason: shape.kind, masked: maskValue(value) };
  if (name && looksLikeSecretName(name) && !isPlaceholderValue(value)) return { reason: 'its name', masked: maskValue(value) };
  return undefined;
}
