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

/** Every lock file name of MANIFESTS. */
export const LOCK_FILES: readonly string[] = [...new Set(Object.values(MANIFESTS).flatMap((m) => m.locks))];
