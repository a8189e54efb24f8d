import { defineDockerfileRule } from '../../../rule';
import { baseName, copyPaths, runtimeInstructions } from '../../../dockerfile/instructions';

function credentialFile(path: string): string | undefined {
  const normal = path.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  const base = baseName(normal).toLowerCase();
  if (['.npmrc', '.pypirc', '.netrc', '.git-credentials', '.htpasswd', '.pgpass', '.my.cnf'].includes(base)) return 'a credentials file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(base)) return 'an SSH private key';
  if (/\.(key|p12|pfx|jks|keystore)$/.test(base) || (/\.pem$/.test(base) && /key|priv/.test(base))) return 'a private key or keystore';
  if (/(^|\/)\.aws\/credentials$/.test(normal) || /(^|\/)\.docker\/config\.json$/.test(normal) || /(^|\/)\.kube\/config$/.test(normal) || base === 'kubeconfig') return 'a credentials file';
  if (/^(service[-_]?account.*|(?=.*firebase-adminsdk).*|gcp[-_]?key|credentials)\.json$/.test(base)) return 'a service-account key';
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'config/credential-file-copied',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A credentials file (`.npmrc`, SSH or TLS private key, cloud service-account key) is copied into the runtime image.',
    rationale: [
      'Credentials are the most environment-specific config there is. A file such as `.npmrc` with a registry token, an',
      '`id_rsa`, a `*.key`/`*.pfx` or a cloud `service-account.json` copied into the final image is readable by anyone',
      'who can pull it, stays in the layer even if a later `RUN rm` deletes it, and cannot be rotated without a rebuild.',
      '',
      'Mount credentials at run time (a Kubernetes Secret volume, Docker secrets) and, for build-time access, use',
      '`RUN --mount=type=secret` or `--mount=type=ssh`. Builder stages are not judged here.',
    ].join('\n'),
    messages: {
      credential: '`{{path}}` looks like {{kind}} and is copied into the runtime image; mount it at run time (or use a BuildKit secret mount at build time).',
    },
  },
  check({ model, report }) {
    for (const instruction of runtimeInstructions(model)) {
      for (const word of copyPaths(model, instruction).sources) {
        const kind = credentialFile(word.value);
        if (kind) report({ messageId: 'credential', data: { path: word.value, kind }, range: word.range });
      }
    }
  },
});
