// A workspace of many one-manifest application folders, for the tests of how the CLI and the editor's workspace
// index meet the storage (how many reads and listings they keep in flight).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Pod with a mutable image tag: one finding (`build-release-run/mutable-image-tag`) per file. */
export const POD_MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n';

/** Writes `count` folders `apps/app-NN` under `dir`, each holding a `pod.yaml`. */
export function writeAppFolders(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const folder = join(dir, 'apps', `app-${String(i).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'pod.yaml'), POD_MANIFEST);
  }
}
