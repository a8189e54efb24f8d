/**
 * Literal secrets in manifests (an env `value:`, a ConfigMap entry, a line of a config
 * file inside a ConfigMap), judged by the shared `literalSecret` of ../secrets with the
 * one thing manifests add: a Helm template expression is not a value yet.
 */
import { literalSecret } from '../secrets';
import { isTemplated } from './model';

export interface LiteralSecret {
  /** What gave it away: "its name" or a shape such as "an AWS access key id". */
  reason: string;
  /** The value with the secret part masked, safe to show. */
  masked: string;
}

const BY_NAME = 'a literal value under a secret-like name';

export function literalSecretOf(name: string | undefined, value: string | undefined): LiteralSecret | undefined {
  if (value === undefined || isTemplated(value)) return undefined;
  const found = literalSecret(name ?? '', value);
  if (!found) return undefined;
  return { reason: found.kind === BY_NAME ? 'its name' : found.kind, masked: found.masked };
}
