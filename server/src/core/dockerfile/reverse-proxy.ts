/**
 * Whether an image bundles a reverse proxy in front of its app (hoppscotch's all-in-one image: Caddy copied in, its
 * Caddyfiles beside it, the backend on `PORT=8080` behind it). The app then listens on a port only the proxy reaches,
 * and EXPOSE names the proxy's ports: the two differ by design.
 *
 * Read from the stages the image is built on: the proxy installed by a package manager, its binary copied in
 * (`/usr/bin/caddy`), its configuration copied in (`Caddyfile`, `nginx.conf`, anything under `/etc/nginx/`), or an
 * image of the proxy to start from.
 *
 * Pure: no I/O.
 */
import type { DockerfileModel, Stage } from './model';
import { baseName, copyPaths, rootImage } from './instructions';
import { installedPackages } from './packages';

/** Reverse proxies, by program, package and image name. */
const PROXIES = new Set(['nginx', 'caddy', 'haproxy', 'envoy', 'traefik', 'openresty']);

/** Their configuration files, by name. */
const PROXY_CONFIG = /^(caddyfile|.+\.caddyfile|nginx\.conf|haproxy\.cfg|traefik\.(ya?ml|toml)|envoy\.ya?ml)$/i;

/** Their configuration folders, as destinations. */
const PROXY_CONFIG_DIR = /^\/etc\/(nginx|caddy|haproxy|traefik|envoy)(\/|$)/;

export function bundlesReverseProxy(model: DockerfileModel, stage: Stage): boolean {
  const root = rootImage(stage)?.name;
  if (root && PROXIES.has(root.slice(root.lastIndexOf('/') + 1).toLowerCase())) return true;
  const instructions = model.inheritedInstructions(stage);
  if (installedPackages(model, instructions).some((p) => PROXIES.has(p.name.toLowerCase()))) return true;
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const { sources, destination } = copyPaths(model, instruction);
    if (!destination) continue;
    const target = destination.value;
    if (PROXY_CONFIG_DIR.test(target)) return true;
    // `COPY --from=caddy_builder …/caddy /usr/bin/caddy`, `COPY aio.Caddyfile /etc/caddy/`, `COPY nginx.conf /app/`
    if (/\/(s?bin)\/[^/]+$/.test(target) && PROXIES.has(baseName(target).toLowerCase())) return true;
    if (sources.some((s) => PROXY_CONFIG.test(baseName(s.value)))) return true;
  }
  return false;
}
