import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { isPathSetting, isPlaceholderValue, isPlainUrl, isSecretReference, literalSecret, namesSecretValue } from '../../../secrets';
import { asMap, mapEntries, pairOf, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';

/** Secret types whose data the cluster fills in itself. */
const GENERATED_TYPES = new Set(['kubernetes.io/service-account-token']);

/** Standard base64 with its padding, as the API server reads a Secret's `data` (line breaks aside). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A `data` value decoded; undefined when it is no base64 the API server would take: the manifest cannot be applied as
 * written, so the value is a fill-in for a deploy step (`PLACEHOLDER`, `_AWS_SECRET_ACCESS_KEY`) or encrypted in place
 * (SOPS's `ENC[AES256_GCM,…]`), not a committed secret; not the bytes a lenient decoder makes of it.
 */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return undefined;
  try {
    return atob(compact);
  } catch {
    return undefined;
  }
}

/** `value` or `values`, as the count asks. */
function nounFor(count: number): string {
  return count === 1 ? 'value' : 'values';
}

/**
 * The keys of `entries` (one Secret's field, or a generator's literals) whose values the repository commits: not
 * placeholders, references or paths, credentials first. Where a credential's value is left as a placeholder
 * (`POSTGRES_PASSWORD: change-me`), the author keeps the credentials out and the values filled in are settings (a
 * host, a port, a database's name): only those that are credentials themselves (literalSecret) count.
 */
function committedKeys(entries: readonly { key: string; value: string }[]): string[] {
  const filled: { key: string; credential: boolean }[] = [];
  let keptOut = false;
  for (const { key, value } of entries) {
    if (value === '' || isPlaceholderValue(value) || isSecretReference(value)) {
      // A credential's name with a fill-in for its value (a short value under another name is no sign of one).
      keptOut ||= namesSecretValue(key);
      continue;
    }
    const credential = literalSecret(key, value) !== undefined;
    // Where something is, not a secret: a path under a place word, a URL without credentials (`https://horizon.stellar.org`).
    if (!credential && (isPathSetting(key, value) || isPlainUrl(value))) continue;
    filled.push({ key, credential });
  }
  const counted = keptOut ? filled.filter((f) => f.credential) : filled;
  return [...counted.filter((f) => f.credential), ...counted.filter((f) => !f.credential)].map((f) => f.key);
}

/** The first three keys, in backticks. */
function shownKeys(keys: readonly string[]): string {
  return keys.slice(0, 3).map((k) => `\`${k}\``).join(', ') + (keys.length > 3 ? ', …' : '');
}

export default defineKubernetesRule({
  meta: {
    id: 'config/plaintext-secret-manifest',
    factor: 'config',
    defaultSeverity: 'info',
    description: 'A `kind: Secret` manifest carries its values (`data`/`stringData`) in the repository, or a kustomization\'s `secretGenerator` its `literals`.',
    rationale: [
      'Keeping config out of the code means credentials do not live in the repository either, and a Secret manifest',
      'with filled-in `data` or `stringData` is exactly that: base64 is an encoding, not encryption.',
      'Anyone who can read the repository can read the values, and every environment tends to end up with the same ones.',
      '',
      'Commit the reference, not the value: create Secrets from a secret manager (External Secrets, Vault), encrypt them',
      '(Sealed Secrets, SOPS), or generate them at deploy time. Placeholders, template expressions and settings that say',
      'where something is (`GATUS_CONFIG_PATH: /config`, `DATA_DIR: /data`) are not reported. Where a credential is left',
      'as a placeholder (`POSTGRES_PASSWORD: change-me`), the values filled in count only when they are credentials',
      'themselves: a host, a port or a database\'s name beside them is a setting, not a committed secret. In a Helm chart a value',
      "its values file gives (`password: {{ .Values.auth.password | b64enc }}` with `auth.password: s3cret`) is judged as",
      'rendered; one the chart generates (`randAlphaNum`) or takes at install time is not known, and not reported.',
      '',
      "A kustomization's `secretGenerator` with `literals:` (`- db_password=s3cret`) commits its values the same way and is",
      'reported too; its `envs:` and `files:` are files the repository may not hold (a git-ignored `secrets.env`), and are',
      'not judged.',
    ].join('\n'),
    messages: {
      values: '{{secret}} commits {{count}} literal {{noun}} in `{{field}}` ({{keys}}); create it from a secret manager or encrypt it instead.',
      generator: 'Secret generator `{{name}}` commits {{count}} literal {{noun}} in `literals` ({{keys}}); create the Secret from a secret manager or encrypt it instead.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (object.kind === 'Kustomization') {
        for (const item of seqItems(valueOf(object.node, 'secretGenerator', object.doc), object.doc)) {
          const generator = asMap(item, object.doc);
          const entries: { key: string; value: string }[] = [];
          for (const literal of seqItems(valueOf(generator, 'literals', object.doc), object.doc)) {
            const text = scalarString(literal, object.doc);
            const eq = text?.indexOf('=') ?? -1;
            if (text === undefined || eq <= 0 || isTemplated(text)) continue;
            entries.push({ key: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2') });
          }
          const keys = committedKeys(entries);
          const pair = pairOf(generator, 'literals', object.doc);
          const range = keys.length > 0 && pair ? model.rangeOf(pair.key as Node) : undefined;
          if (!range) continue;
          const name = scalarString(valueOf(generator, 'name', object.doc), object.doc) ?? '?';
          report({ messageId: 'generator', data: { name, count: keys.length, noun: nounFor(keys.length), keys: shownKeys(keys) }, range });
        }
        continue;
      }
      if (object.kind !== 'Secret' || object.apiVersion !== 'v1') continue;
      const type = scalarString(valueOf(object.node, 'type', object.doc), object.doc);
      if (type && GENERATED_TYPES.has(type)) continue;
      for (const field of ['stringData', 'data']) {
        const entries: { key: string; value: string; node: Node }[] = [];
        for (const { key, pair } of mapEntries(valueOf(object.node, field, object.doc), object.doc)) {
          const raw = scalarString(pair.value as Node | null, object.doc);
          if (raw === undefined || isTemplated(raw)) continue;
          const value = field === 'data' ? decodeBase64(raw) : raw;
          if (value !== undefined) entries.push({ key, value, node: pair.value as Node });
        }
        const keys = committedKeys(entries);
        if (keys.length === 0) continue;
        const pair = pairOf(object.node, field, object.doc);
        const range = pair && model.rangeOf(pair.key as Node);
        if (!range) continue;
        // A name the linter could not read (a Helm helper it does not render) is left out rather than shown as `?`.
        const secret = object.name !== undefined ? `Secret \`${object.name}\`` : 'This Secret';
        // Where each value is written: in a chart, the values file line that sets it.
        const related = keys.slice(0, 5).flatMap((key) => model.locationOfNode(entries.find((e) => e.key === key)?.node, `The literal value of \`${key}\`.`) ?? []);
        report({ messageId: 'values', data: { secret, count: keys.length, noun: nounFor(keys.length), field, keys: shownKeys(keys) }, range, related });
      }
    }
  },
});
