/** Package manifests and the lock files that pin what they declare, by ecosystem (no imports: read by the model and the build context alike). */
export type Ecosystem = 'npm' | 'bundler' | 'composer' | 'pipenv' | 'python-project' | 'cargo';

export const MANIFESTS: Record<string, { ecosystem: Ecosystem; locks: string[] }> = {
  'package.json': { ecosystem: 'npm', locks: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'] },
  Gemfile: { ecosystem: 'bundler', locks: ['Gemfile.lock'] },
  'composer.json': { ecosystem: 'composer', locks: ['composer.lock'] },
  Pipfile: { ecosystem: 'pipenv', locks: ['Pipfile.lock'] },
  'pyproject.toml': { ecosystem: 'python-project', locks: ['poetry.lock', 'uv.lock', 'pdm.lock'] },
  'Cargo.toml': { ecosystem: 'cargo', locks: ['Cargo.lock'] },
};

/**
 * The lock files an install tool reads, where it reads fewer than its manifest's whole list: yarn and pnpm read only
 * their own (importing another's is a separate command); npm 7 and later also reads `yarn.lock`. A tool not listed
 * (bun, which migrates the others' locks on install) reads them all.
 */
export const TOOL_LOCKS: Readonly<Record<string, readonly string[]>> = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock'],
  yarn: ['yarn.lock'],
  pnpm: ['pnpm-lock.yaml'],
  poetry: ['poetry.lock'],
  uv: ['uv.lock'],
  pdm: ['pdm.lock'],
};

/** Every lock file name of MANIFESTS. */
export const LOCK_FILES: readonly string[] = [...new Set(Object.values(MANIFESTS).flatMap((m) => m.locks))];
