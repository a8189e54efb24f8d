/**
 * Environment variables that switch TLS certificate verification off for a runtime, shared by the Dockerfile and
 * Kubernetes rules that report them.
 */
const SWITCHES: Record<string, (value: string) => boolean> = {
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v.trim() === '0',
  PYTHONHTTPSVERIFY: (v) => v.trim() === '0',
  GIT_SSL_NO_VERIFY: (v) => v.trim() !== '' && !/^(0|false|no)$/i.test(v.trim()),
  CURL_INSECURE: (v) => /^(1|true|yes)$/i.test(v.trim()),
  NPM_CONFIG_STRICT_SSL: (v) => /^(false|0)$/i.test(v.trim()),
  YARN_STRICT_SSL: (v) => /^(false|0)$/i.test(v.trim()),
  PIP_TRUSTED_HOST: (v) => v.trim() !== '',
};

/** True when `name=value` switches certificate verification off. */
export function tlsSwitchOf(name: string, value: string | undefined): boolean {
  const check = SWITCHES[name.toUpperCase()];
  return !!check && value !== undefined && !value.includes('$') && check(value);
}
