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

/**
 * `siblings`, when given, are the other variables of the same env list: `SECRET_KEY` beside `SECRET_NAME`
 * names a key of the Secret that `SECRET_NAME` names (a bootstrap Job told which Secret and key to write), so a value
 * judged by its name alone is a key's name there, not a credential.
 */
export function literalSecretOf(name: string | undefined, value: string | undefined, siblings?: readonly { name?: string }[]): LiteralSecret | undefined {
  if (value === undefined || isTemplated(value)) return undefined;
  const found = literalSecret(name ?? '', value);
  if (!found) return undefined;
  if (found.kind === BY_NAME && siblings && name && namesKeyOfNamedSecret(name, value, siblings)) return undefined;
  return { reason: found.kind === BY_NAME ? 'its name' : found.kind, masked: found.masked };
}

/** `SECRET_KEY: open-webui-api-key` beside `SECRET_NAME`, `DB_SECRET_KEY` beside `DB_SECRET_NAME`: a data key's name. */
function namesKeyOfNamedSecret(name: string, value: string, siblings: readonly { name?: string }[]): boolean {
  if (!name.toUpperCase().endsWith('SECRET_KEY')) return false;
  // A Secret's data keys: alphanumerics, `-`, `_` and `.`.
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) return false;
  const wanted = `${name.slice(0, -'SECRET_KEY'.length)}${name.endsWith('KEY') ? 'SECRET_NAME' : 'secret_name'}`;
  return siblings.some((s) => s.name === wanted);
}
