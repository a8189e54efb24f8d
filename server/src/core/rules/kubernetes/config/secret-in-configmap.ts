import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { literalSecretOf } from '../../../kubernetes/literal-secrets';
import { mapEntries, valueOf, scalarString } from '../../../kubernetes/yaml-nodes';

/** `key = value`, `key: value`, `export KEY=value` and JSON `"key": value,` lines of a config file kept in a ConfigMap entry. */
const SETTING_LINE = /^(\s*(?:export\s+)?)("[A-Za-z0-9_.\-[\]]+"|[A-Za-z0-9_.\-[\]]+)(\s*[=:]\s*)((?:.*\S)?)\s*$/;

/** Program source kept in a ConfigMap: `name = value` lines there are code, not settings. */
const CODE_FILE = /\.(py|js|mjs|cjs|ts|rb|go|java|kt|php|pl|lua|sh|bash|r|scala|groovy)$/i;
/** System databases whose keys are secret-sounding words with harmless values (`passwd: compat`). */
const SYSTEM_FILE = /^(nsswitch\.conf|passwd|group|shadow|gshadow|hosts|services|protocols|login\.defs|pam\.conf)$/i;

/** A value that computes or looks something up (`os.environ["X"]`, `getenv("X")`, `cfg[key]`): code, not a literal. */
function isExpression(value: string): boolean {
  return /^[A-Za-z_$][\w$.]*\s*[([]/.test(value);
}

export default defineKubernetesRule({
  meta: {
    id: 'config/secret-in-configmap',
    factor: 'config',
    defaultSeverity: 'error',
    description: 'A ConfigMap entry (or a setting inside a config file kept in one) holds a literal secret.',
    rationale: [
      'Config belongs outside the code, but not all config is equal: credentials need access control, encryption at rest',
      'and rotation. A ConfigMap has none of that: it is readable by anyone who can read the namespace, shows up in',
      '`kubectl describe`, and its manifest is committed alongside the app.',
      'Entries are judged by their key (`DB_PASSWORD`, `spring.datasource.password`) and by the shape of the value,',
      'including a password inside a connection URL (`DATABASE_URL: postgres://app:…@db/app`) or a connection string',
      '(`Server=db;Password=…`, libpq\'s `host=db password=…`), which is masked in every output. The settings of a config',
      'file kept in an entry are read line by line: `key = value`, `key: value`, `export KEY=value` and JSON members.',
      '',
      'Not reported: values that are code rather than literals (`token=os.environ["HF_TOKEN"]` in an embedded script),',
      'secret-sounding keys of program sources and system files (`passwd: compat` in `nsswitch.conf`), which only a',
      'recognised secret shape (a token, a private key, a password inside a URL) can give away, and values equal to',
      'their own name (`HF_TOKEN: HF_TOKEN`), which are fill-in markers. A connection URL with no password, or whose',
      'password is a reference (`${DB_PASSWORD}`, `$(DB_PASSWORD)`) or a documented placeholder (`<password>`,',
      '`changeme`), is a locator, not a live secret.',
      '',
      'Move the value into a Secret (created outside the repository) and mount or reference it from there.',
    ].join('\n'),
    messages: {
      entry: 'ConfigMap `{{configMap}}` entry `{{key}}` holds a literal secret (`{{masked}}`, recognised by {{reason}}); keep it in a Secret.',
      fileSetting: 'ConfigMap `{{configMap}}` file `{{key}}` sets `{{setting}}` to a literal secret (`{{masked}}`, recognised by {{reason}}); keep it in a Secret.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') continue;
      const configMap = object.name ?? '?';
      for (const { key, pair } of mapEntries(valueOf(object.node, 'data', object.doc), object.doc)) {
        const node = pair.value as Node | null;
        const value = scalarString(node, object.doc);
        const range = model.rangeOf(node);
        if (value === undefined || !range || !node?.range) continue;
        if (!value.includes('\n')) {
          const secret = literalSecretOf(key, value);
          if (secret) report({ messageId: 'entry', data: { configMap, key, masked: secret.masked, reason: secret.reason }, range });
          continue;
        }
        // A config file: look at each setting line as written in the source (block scalars keep lines verbatim).
        const [start, end] = node.range;
        const raw = source.text.slice(start, end);
        const shapesOnly = CODE_FILE.test(key) || SYSTEM_FILE.test(key);
        let offset = 0;
        for (const line of raw.split('\n')) {
          const text = line.replace(/\r$/, '');
          const m = SETTING_LINE.exec(text);
          if (m && !text.trim().startsWith('#')) {
            // A JSON member (`"db_connection": "host=… password=…",`): the key's quotes and the comma are not the setting's.
            const setting = m[2].startsWith('"') ? m[2].slice(1, -1) : m[2];
            const written = m[2].startsWith('"') && m[4].endsWith(',') ? m[4].slice(0, -1) : m[4];
            const settingValue = written.replace(/^(["'])(.*)\1$/, '$2');
            const secret = isExpression(settingValue) ? undefined : literalSecretOf(setting, settingValue);
            if (secret && !(shapesOnly && secret.reason === 'its name')) {
              const from = start + offset + m[1].length + m[2].length + m[3].length;
              report({ messageId: 'fileSetting', data: { configMap, key, setting, masked: secret.masked, reason: secret.reason }, range: source.rangeOf(from, from + written.length) });
            }
          }
          offset += line.length + 1;
        }
      }
    }
  },
});
