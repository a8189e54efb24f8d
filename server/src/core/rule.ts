/**
 * How a rule is written: a module exporting its metadata and a `check` function that
 * reports through a context, in the manner of ESLint's rule modules. The engine in
 * analyze.ts supplies the context, fills message templates and enforces `fix`
 * (a rule that declares no fix class cannot attach an edit).
 */
import type { Configuration, Report, RuleMeta, Target } from './types';
import type { SourceText } from './source';
import type { DockerfileModel } from './dockerfile/model';
import type { KubeObject, KubernetesModel } from './kubernetes/model';
import type { ServerlessModel } from './serverless/model';
import type { BuildContext } from './build-context';
import { maskTextKnowing } from './mask';
import { HELM_UNKNOWN } from './kubernetes/yaml-nodes';

export interface RuleContextBase {
  source: SourceText;
  configuration: Configuration;
  report(report: Report): void;
}

export interface DockerfileRuleContext extends RuleContextBase {
  model: DockerfileModel;
  /** What the caller read of the build context; undefined (or a field of it) when unknown: rules then stay silent. */
  buildContext?: BuildContext;
}

/** Kubernetes objects of every file the caller knows about (open editors, or the CLI's inputs). */
export interface KubernetesWorkspace {
  objects: readonly KubeObject[];
  /** Objects of one kind. Relation rules start here rather than scanning every object for every object. */
  ofKind(kind: string): readonly KubeObject[];
  /** Objects of one kind and name (any namespace). */
  named(kind: string, name: string | undefined): readonly KubeObject[];
  /**
   * Image names that every Kustomize build of the analysed file pins (`images:` with `newTag` or
   * `digest`), when the caller knows the file's builds (core/applications.ts); undefined otherwise.
   */
  pinnedImages?: ReadonlySet<string>;
}

/**
 * The workspace of one file's analysis: the objects of its application, this file's among them.
 * The CLI and the editor's analysis worker pass the application's objects with this file's own
 * parse in them (related-objects.ts): that one list is then the workspace of every file of the
 * application, in the application's order, and its indexes (by kind, by name, the relation
 * indexes keyed by its lists) are built once for all of them. Before, each file's analysis made a
 * list of its own objects followed by the others and indexed it anew: the 1,332 corpus files
 * indexed 72,746 objects for 1,392 distinct ones.
 * When `related` does not hold exactly `own` (a caller that passes only the other files, or an
 * older parse of this file), this file's objects come first, followed by the others.
 */
export function workspaceOf(uri: string, own: readonly KubeObject[], related: readonly KubeObject[]): KubernetesWorkspace {
  if (related.length > 0 && holdsExactly(related, uri, own)) {
    let shared = applicationWorkspaces.get(related);
    if (!shared) applicationWorkspaces.set(related, (shared = createWorkspace(related)));
    return shared;
  }
  return createWorkspace([...own, ...related.filter((o) => o.uri !== uri)]);
}

const applicationWorkspaces = new WeakMap<readonly KubeObject[], KubernetesWorkspace>();

/** True when the objects of `uri` in `related` are `own`, the same objects in the same order. */
function holdsExactly(related: readonly KubeObject[], uri: string, own: readonly KubeObject[]): boolean {
  let k = 0;
  for (const o of related) {
    if (o.uri !== uri) continue;
    if (o !== own[k]) return false;
    k++;
  }
  return k === own.length;
}

/** A workspace whose indexes are built on first use, once per list of objects. */
export function createWorkspace(objects: readonly KubeObject[]): KubernetesWorkspace {
  let byKind: Map<string, KubeObject[]> | undefined;
  let byName: Map<string, KubeObject[]> | undefined;
  const index = () => {
    if (!byKind || !byName) {
      byKind = new Map();
      byName = new Map();
      for (const object of objects) {
        const kinds = byKind.get(object.kind) ?? [];
        kinds.push(object);
        byKind.set(object.kind, kinds);
        const key = `${object.kind}/${object.name ?? ''}`;
        const named = byName.get(key) ?? [];
        named.push(object);
        byName.set(key, named);
      }
    }
    return { byKind, byName };
  };
  return {
    objects,
    ofKind: (kind) => index().byKind.get(kind) ?? [],
    named: (kind, name) => (name === undefined ? [] : (index().byName.get(`${kind}/${name}`) ?? [])),
  };
}

export interface KubernetesRuleContext extends RuleContextBase {
  model: KubernetesModel;
  /** All known objects, this file's included, for relations (Service -> Deployment, HPA -> target). */
  workspace: KubernetesWorkspace;
}

export interface DockerfileRule {
  meta: RuleMeta & { target: 'dockerfile' };
  check(context: DockerfileRuleContext): void;
}

export interface KubernetesRule {
  meta: RuleMeta & { target: 'kubernetes' };
  check(context: KubernetesRuleContext): void;
}

/** A SAM/CloudFormation template or a Serverless Framework file: relations stay inside the one template. */
export interface ServerlessRuleContext extends RuleContextBase {
  model: ServerlessModel;
}

export interface ServerlessRule {
  meta: RuleMeta & { target: 'serverless' };
  check(context: ServerlessRuleContext): void;
}

export type Rule = DockerfileRule | KubernetesRule | ServerlessRule;

/** What a rule file writes: everything but the target (given by the helper) and `fixable` (derived from `fix`). */
export type RuleMetaInput = Omit<RuleMeta, 'target' | 'fixable'>;

export function defineDockerfileRule(rule: { meta: RuleMetaInput; check(context: DockerfileRuleContext): void }): DockerfileRule {
  return { meta: { ...rule.meta, fixable: rule.meta.fix !== undefined, target: 'dockerfile' }, check: rule.check };
}

export function defineKubernetesRule(rule: { meta: RuleMetaInput; check(context: KubernetesRuleContext): void }): KubernetesRule {
  return { meta: { ...rule.meta, fixable: rule.meta.fix !== undefined, target: 'kubernetes' }, check: rule.check };
}

export function defineServerlessRule(rule: { meta: RuleMetaInput; check(context: ServerlessRuleContext): void }): ServerlessRule {
  return { meta: { ...rule.meta, fixable: rule.meta.fix !== undefined, target: 'serverless' }, check: rule.check };
}

/**
 * Fills `{{name}}` placeholders; unknown placeholders stay visible so a typo is noticed in tests.
 * Every value goes through the one masker (mask.ts) on its way in: rule findings and suppression
 * diagnostics alike are built here, so no message can echo a secret the user wrote. `known` are
 * the secrets found in the whole document (`secretsIn`), masked even where a value lost its context.
 * A part of a value the Helm renderer could not know (HELM_UNKNOWN: `{{ include "x.fullname" . }}-secret`) reads `…`.
 */
export function formatMessage(template: string, data: Record<string, string | number> = {}, known: readonly string[] = []): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => (key in data ? maskTextKnowing(String(data[key]).split(HELM_UNKNOWN).join('…'), known) : whole));
}


export type { Target };
