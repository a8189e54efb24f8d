import type { KubernetesWorkspace } from '../rule';
import type { KubeObject } from './model';

/**
 * A question about a whole workspace, answered once per workspace and kept as long as its objects are: every file of an
 * application shares one workspace (rule.ts, workspaceOf), so a relation rule asks the same question for each of them.
 * Keyed by the workspace's object list, which outlives the workspace object a caller may build around it.
 */
export function perWorkspace<T>(answer: (workspace: KubernetesWorkspace) => T): (workspace: KubernetesWorkspace) => T {
  const answers = new WeakMap<readonly KubeObject[], { value: T }>();
  return (workspace) => {
    let kept = answers.get(workspace.objects);
    if (!kept) answers.set(workspace.objects, (kept = { value: answer(workspace) }));
    return kept.value;
  };
}
