import { defineDockerfileRule } from '../../../rule';
import { effectiveWords, type ShellWord } from '../../../dockerfile/shell';
import { programOf, spanOf } from '../../../dockerfile/instructions';

/** curl's short options that take no value: a cluster such as `-fsSLk` turns `-k` on only when every letter before it is one of these. */
const CURL_NO_VALUE = new Set('sSLfkvIiOgGNqlj46RZJ#'.split(''));

/** The word (or words) of one command that switch verification off, with what they switch off. */
function verificationOff(words: ShellWord[]): { from: ShellWord; to: ShellWord; what: string } | undefined {
  let program = programOf(words);
  let rest = words.slice(1);
  if ((program === 'python' || program === 'python3') && rest[0]?.value === '-m' && /^pip3?$/.test(rest[1]?.value ?? '')) {
    program = 'pip';
    rest = rest.slice(2);
  }
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    const v = w.value;
    switch (program) {
      case 'curl':
        if (v === '--insecure') return { from: w, to: w, what: 'TLS certificate checks (`--insecure`)' };
        if (/^-[A-Za-z0-9#]+$/.test(v) && v.includes('k')) {
          const before = v.slice(1, v.indexOf('k'));
          if ([...before].every((c) => CURL_NO_VALUE.has(c))) return { from: w, to: w, what: 'TLS certificate checks (`-k`)' };
        }
        break;
      case 'wget':
        if (v === '--no-check-certificate') return { from: w, to: w, what: 'TLS certificate checks' };
        break;
      case 'pip':
      case 'pip3':
        if (v === '--trusted-host' || v.startsWith('--trusted-host=')) return { from: w, to: v.includes('=') ? w : (rest[i + 1] ?? w), what: 'TLS checks for a package index (`--trusted-host`)' };
        break;
      case 'apk':
        if (v === '--allow-untrusted') return { from: w, to: w, what: 'package signature checks' };
        break;
      case 'apt-get':
      case 'apt':
        if (v === '--allow-unauthenticated' || v === '--allow-insecure-repositories') return { from: w, to: w, what: 'package signature checks' };
        if (v === '-o' && /^(Acquire::AllowInsecureRepositories|APT::Get::AllowUnauthenticated|Acquire::https?::Verify-(Peer|Host))=(true|1|yes|false|0|no)$/i.test(rest[i + 1]?.value ?? '')) {
          const setting = rest[i + 1].value;
          if (/Verify-(Peer|Host)=(false|0|no)$/i.test(setting) || /(AllowInsecureRepositories|AllowUnauthenticated)=(true|1|yes)$/i.test(setting)) return { from: w, to: rest[i + 1], what: 'package signature or TLS checks' };
        }
        break;
      case 'yum':
      case 'dnf':
      case 'microdnf':
      case 'tdnf':
        if (v === '--nogpgcheck') return { from: w, to: w, what: 'package signature checks' };
        break;
      case 'rpm':
        if (v === '--nosignature' || v === '--nodigest') return { from: w, to: w, what: 'package signature checks' };
        break;
      case 'zypper':
        if (v === '--no-gpg-checks' || v === '--gpg-auto-import-keys') return { from: w, to: w, what: 'package signature checks' };
        break;
      case 'npm':
      case 'yarn':
      case 'pnpm':
        if (/^--strict-ssl=(false|0)$/.test(v)) return { from: w, to: w, what: 'TLS certificate checks for the registry' };
        if ((v === 'strict-ssl' || v === 'strictSsl') && /^(false|0)$/.test(rest[i + 1]?.value ?? '')) return { from: w, to: rest[i + 1], what: 'TLS certificate checks for the registry' };
        if (v === 'strict-ssl=false') return { from: w, to: w, what: 'TLS certificate checks for the registry' };
        break;
      case 'git':
        if (/^http\.sslverify=(false|0)$/i.test(v)) return { from: w, to: w, what: 'TLS certificate checks' };
        if (/^http\.sslverify$/i.test(v) && /^(false|0)$/i.test(rest[i + 1]?.value ?? '')) return { from: w, to: rest[i + 1], what: 'TLS certificate checks' };
        break;
    }
  }
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/verification-disabled',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A download or package install turns verification off (`curl -k`, `wget --no-check-certificate`, `--trusted-host`, `--allow-untrusted`, `--nogpgcheck`, `strict-ssl false`).',
    rationale: [
      'Declaring dependencies only helps when what arrives is what was declared. Switching off TLS certificate checks',
      'or package signature checks lets anyone on the network path (a proxy, a compromised mirror) hand the build a',
      'different package under the same name, and nothing in the image records that it happened.',
      '',
      'Fix the trust instead: install the CA certificate the proxy uses (`COPY corp-ca.crt /usr/local/share/ca-certificates/`',
      'then `update-ca-certificates`), import the repository key, or fetch over HTTPS with a checksum. Checked in every',
      'stage, since a builder stage\'s downloads end up in the artefacts it hands over. Options passed through variables',
      'are not guessed at. Covers Checkov\'s CKV2_DOCKER_2 to CKV2_DOCKER_16 (curl, wget, pip, apk, apt, yum/dnf, rpm,',
      'zypper, npm/yarn, git).',
    ].join('\n'),
    messages: {
      off: '`{{program}}` runs with {{what}} switched off, so the build accepts whatever the network returns; trust the certificate or key instead.',
    },
    anchors: [
      { tool: 'Checkov', id: 'CKV2_DOCKER_2' }, { tool: 'Checkov', id: 'CKV2_DOCKER_3' }, { tool: 'Checkov', id: 'CKV2_DOCKER_4' },
      { tool: 'Checkov', id: 'CKV2_DOCKER_5' }, { tool: 'Checkov', id: 'CKV2_DOCKER_6' }, { tool: 'Checkov', id: 'CKV2_DOCKER_7' },
      { tool: 'Checkov', id: 'CKV2_DOCKER_8' }, { tool: 'Checkov', id: 'CKV2_DOCKER_9' }, { tool: 'Checkov', id: 'CKV2_DOCKER_10' },
      { tool: 'Checkov', id: 'CKV2_DOCKER_11' }, { tool: 'Checkov', id: 'CKV2_DOCKER_12' }, { tool: 'Checkov', id: 'CKV2_DOCKER_13' },
      { tool: 'Checkov', id: 'CKV2_DOCKER_14' }, { tool: 'Checkov', id: 'CKV2_DOCKER_15' }, { tool: 'Checkov', id: 'CKV2_DOCKER_16' },
    ],
  },
  check({ model, report }) {
    for (const instruction of model.instructionsOf('RUN')) {
      for (const command of model.commandLine(instruction)?.commands ?? []) {
        const words = effectiveWords(command);
        const found = verificationOff(words);
        if (found) report({ messageId: 'off', data: { program: programOf(words), what: found.what }, range: spanOf(found.from, found.to) });
      }
    }
  },
});
