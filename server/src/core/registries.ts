/**
 * Where an image comes from, as a registry allow-list (`trustedRegistries` in the configuration)
 * sees it. Docker's shorthand is spelled out first, the way `docker pull` reads it: `node` is
 * `docker.io/library/node`, `bitnami/redis` is `docker.io/bitnami/redis`; the first path segment
 * names a registry only when it has a `.` or a `:` or is `localhost`.
 *
 * An allow-list entry is a registry host (`gcr.io`), a host and path prefix
 * (`us-docker.pkg.dev/my-project`, `docker.io/library`), or a host suffix written `*.pkg.dev`.
 * A prefix matches whole path segments only: `gcr.io/team` admits `gcr.io/team/app`, not
 * `gcr.io/team-b/app`. Matching is case-insensitive and plain string work (no pattern language).
 */

/** The repository with Docker's defaults spelled out and in lower case: `docker.io/library/node`. */
export function canonicalRepository(repository: string): string {
  const lower = repository.toLowerCase();
  const slash = lower.indexOf('/');
  const first = slash < 0 ? '' : lower.slice(0, slash);
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    // `index.docker.io` and `registry-1.docker.io` are Docker Hub too.
    if (first === 'index.docker.io' || first === 'registry-1.docker.io') return `docker.io${lower.slice(slash)}`;
    return lower;
  }
  return slash < 0 ? `docker.io/library/${lower}` : `docker.io/${lower}`;
}

/** An allow-list entry as written in the configuration, made comparable with `canonicalRepository`. */
export function canonicalRegistryEntry(entry: string): string {
  let value = entry.trim().toLowerCase();
  while (value.endsWith('/')) value = value.slice(0, -1);
  if (value === 'index.docker.io' || value === 'registry-1.docker.io') return 'docker.io';
  if (value.startsWith('index.docker.io/')) return `docker.io${value.slice('index.docker.io'.length)}`;
  return value;
}

/** Why an allow-list entry cannot be used, or undefined when it is fine (the configuration check). */
export function registryEntryProblem(entry: string): string | undefined {
  if (entry.trim() === '') return 'is empty';
  if (entry.includes('://')) return 'names a registry without a scheme (gcr.io/team, not https://gcr.io/team)';
  if (/[\s@]/.test(entry) || entry.includes('..')) return 'is not a registry or repository prefix';
  const star = entry.indexOf('*');
  if (star >= 0 && !(star === 0 && entry.startsWith('*.') && !entry.includes('*', 1) && !entry.includes('/'))) {
    return 'may use `*` only as a host suffix (`*.pkg.dev`)';
  }
  return undefined;
}

/** Whether `repository` (as written in the image reference) is admitted by one of `entries`. */
export function isTrustedRepository(repository: string, entries: readonly string[]): boolean {
  const repo = canonicalRepository(repository);
  const host = repo.slice(0, repo.indexOf('/') < 0 ? repo.length : repo.indexOf('/'));
  for (const raw of entries) {
    const entry = canonicalRegistryEntry(raw);
    if (entry.startsWith('*.')) {
      if (host.endsWith(entry.slice(1))) return true;
      continue;
    }
    if (repo === entry || repo.startsWith(`${entry}/`)) return true;
  }
  return false;
}
