import type { Node } from 'yaml';
import { defineKubernetesRule, type KubernetesWorkspace } from '../../../rule';
import { isTemplated, type KubeObject } from '../../../kubernetes/model';
import { absenceKnowable, isPatchFragment, locationOf } from '../../../kubernetes/selectors';
import { generatedNames, issuedSecretNames, relationIndex } from '../../../kubernetes/relation-index';
import { podVolumes } from '../../../kubernetes/pod-parts';
import { asMap, nodeAt, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { perWorkspace } from '../../../kubernetes/workspace-memo';

type ConfigKind = 'Secret' | 'ConfigMap';

/** ConfigMaps the cluster puts in every namespace (or a mesh puts in every meshed one). */
const PROVIDED_CONFIGMAPS = new Set(['kube-root-ca.crt', 'istio-ca-root-cert', 'openshift-service-ca.crt']);

/**
 * API groups whose objects create no Secret or ConfigMap: built-in kinds and the configuration of
 * autoscalers, monitoring, load balancers and meshes. Any other custom resource may belong to an
 * operator that writes Secrets (a database operator, ExternalSecret, SealedSecret, cert-manager's
 * Certificate, a CSI SecretProviderClass): references are then unknown.
 */
const INERT_API = /^(?:v1|(?:apps|batch|autoscaling|policy)\/\w+|(?:networking|rbac\.authorization|storage|scheduling|coordination|discovery|node|gateway\.networking|kustomize\.config|autoscaling)\.k8s\.io\/\w+|config\.kubernetes\.io\/\w+|cloud\.google\.com\/\w+|networking\.gke\.io\/\w+|monitoring\.googleapis\.com\/\w+|monitoring\.coreos\.com\/\w+|keda\.sh\/\w+|serving\.knative\.dev\/\w+|argoproj\.io\/\w+|(?:networking|security)\.istio\.io\/\w+|extensions\/\w+)$/;

/** True when some object of the workspace may be an operator's resource that writes Secrets or ConfigMaps. */
const hasSecretWritingResource = perWorkspace((workspace) => workspace.objects.some((o) => !INERT_API.test(o.apiVersion) || o.kind === 'CustomResourceDefinition'));

/**
 * True when a Role or ClusterRole of the workspace lets its holder create objects of `kind` (the core API group's
 * `secrets` or `configmaps`, or `*`): a pod of the application makes them at run time (Argo CD's redis init container
 * writes the `argocd-redis` Secret with `argocd admin redis-initial-password`), so a reference to one is not dangling.
 */
const creatorAnswers = perWorkspace(() => new Map<ConfigKind, boolean>());
function podsMayCreate(workspace: KubernetesWorkspace, kind: ConfigKind): boolean {
  const answers = creatorAnswers(workspace);
  let answer = answers.get(kind);
  if (answer === undefined) {
    const resource = kind === 'Secret' ? 'secrets' : 'configmaps';
    const words = (rule: unknown, key: string, doc: KubeObject['doc']) => seqItems(valueOf(asMap(rule, doc), key, doc), doc).map((n) => scalarString(n, doc));
    answer = [...workspace.ofKind('Role'), ...workspace.ofKind('ClusterRole')].some((role) =>
      seqItems(valueOf(role.node, 'rules', role.doc), role.doc).some((rule) => {
        const groups = words(rule, 'apiGroups', role.doc);
        return (
          (groups.includes('') || groups.includes('*')) &&
          words(rule, 'resources', role.doc).some((r) => r === resource || r === '*') &&
          words(rule, 'verbs', role.doc).some((v) => v === 'create' || v === '*')
        );
      }),
    );
    answers.set(kind, answer);
  }
  return answer;
}

/**
 * True when a Secret of the workspace carries an annotation of the sealed-secrets controller (`sealedsecrets.bitnami.com/…`):
 * the application's Secrets are sealed outside the manifests and unsealed in the cluster, and a Secret committed with
 * such an annotation is the controller's placeholder (MergHQ/rss-serve's empty `managed` one), not a sign that the
 * application keeps its Secrets in the repository.
 */
const secretsAreSealed = perWorkspace((workspace) =>
  workspace.ofKind('Secret').some((secret) => Object.keys(secret.annotations).some((key) => key.startsWith('sealedsecrets.bitnami.com/'))),
);

interface Reference {
  kind: ConfigKind;
  name: string;
  node: Node;
  where: string;
}

function isOptional(map: unknown, object: KubeObject): boolean {
  return scalarString(nodeAt(map, ['optional'], object.doc), object.doc) === 'true';
}

/** Every Secret and ConfigMap the pod reads that is not marked `optional: true`. */
function referencesOf(object: KubeObject): Reference[] {
  const out: Reference[] = [];
  const doc = object.doc;
  const add = (kind: ConfigKind, holder: unknown, key: string, where: string) => {
    const map = asMap(holder, doc);
    if (!map || isOptional(map, object)) return;
    const node = valueOf(map, key, doc);
    const name = scalarString(node, doc);
    if (node && name) out.push({ kind, name, node, where });
  };
  const pod = object.podSpec!;
  for (const container of pod.allContainers) {
    const label = `Container \`${container.name ?? '?'}\``;
    for (const entry of container.env) {
      if (!entry.valueFrom) continue;
      add('Secret', valueOf(entry.valueFrom, 'secretKeyRef', doc), 'name', `${label} (\`${entry.name}\`)`);
      add('ConfigMap', valueOf(entry.valueFrom, 'configMapKeyRef', doc), 'name', `${label} (\`${entry.name}\`)`);
    }
    for (const item of seqItems(valueOf(container.node, 'envFrom', doc), doc)) {
      const map = asMap(item, doc);
      add('Secret', valueOf(map, 'secretRef', doc), 'name', `${label} (envFrom)`);
      add('ConfigMap', valueOf(map, 'configMapRef', doc), 'name', `${label} (envFrom)`);
    }
  }
  for (const volume of podVolumes(object).values()) {
    const label = `Volume \`${volume.name}\``;
    if (volume.sourceKind === 'secret') add('Secret', volume.source, 'secretName', label);
    else if (volume.sourceKind === 'configMap') add('ConfigMap', volume.source, 'name', label);
    else if (volume.sourceKind === 'projected') {
      for (const source of seqItems(valueOf(volume.source, 'sources', doc), doc)) {
        add('Secret', nodeAt(source, ['secret'], doc), 'name', label);
        add('ConfigMap', nodeAt(source, ['configMap'], doc), 'name', label);
      }
    }
  }
  return out;
}

export default defineKubernetesRule({
  meta: {
    id: 'config/dangling-config-reference',
    factor: 'config',
    defaultSeverity: 'info',
    description: 'A pod reads a Secret or ConfigMap that its application does not define, although the application defines others of that kind.',
    rationale: [
      'Config lives in the environment, and on Kubernetes the environment is assembled from Secrets and ConfigMaps.',
      'When an application keeps its Secrets (or ConfigMaps) in the repository, a reference to one that none of its',
      'manifests defines is almost always a typo or a leftover: the pod stays in `CreateContainerConfigError` (or',
      '`ContainerCreating` for a volume) on the first deploy to a fresh namespace, and the config it expects never',
      'reaches the process.',
      '',
      'Define the object next to the others (or in a Kustomize `secretGenerator`/`configMapGenerator`), fix the name,',
      'or mark the reference `optional: true` when the app runs without it.',
      '',
      'Not reported: references marked `optional: true`; an application that defines no object of that kind itself (its',
      'Secrets come from `kubectl create secret`, a secret manager or a pipeline, which is fine); names a Kustomize',
      '`secretGenerator`/`configMapGenerator` of the application creates (with or without its `namePrefix`/`nameSuffix`);',
      'Helm-templated names on either side; patch fragments; files with a YAML syntax error; the objects of a Kustomize',
      'Component that no kustomization includes; cluster-provided ConfigMaps (`kube-root-ca.crt`,',
      '`istio-ca-root-cert`); and applications with a custom resource other than autoscaler, monitoring, ingress or',
      'mesh configuration (an operator, ExternalSecret, SealedSecret or cert-manager Certificate may create the Secret);',
      'Secrets, in an application with a Secret annotated by the sealed-secrets controller (`sealedsecrets.bitnami.com/…`:',
      'its Secrets are sealed outside the manifests, and the one committed is a placeholder);',
      'the TLS Secret of an Ingress or Gateway annotated for cert-manager (`cert-manager.io/cluster-issuer`,',
      '`cert-manager.io/issuer`, `kubernetes.io/tls-acme: "true"`), which cert-manager creates;',
      'and applications with a Role or ClusterRole that may create objects of that kind (a pod of the application',
      'makes them when it starts, as Argo CD\'s redis init container makes its password Secret).',
      'Corresponds to kube-linter env-value-from, extended to `envFrom` and volumes.',
    ].join('\n'),
    messages: {
      missing: '{{where}} reads {{kind}} `{{name}}`, which no manifest of this application defines (it defines {{others}}, such as `{{example}}`); the pod cannot start until it exists.',
    },
    anchors: [{ tool: 'kube-linter', id: 'env-value-from' }],
  },
  check({ model, workspace, report }) {
    for (const object of model.objects) {
      if (!absenceKnowable(model, object)) continue;
      if (!object.podSpec || isPatchFragment(object)) continue;
      const references = referencesOf(object);
      if (references.length === 0) continue;
      if (hasSecretWritingResource(workspace)) return;
      for (const ref of references) {
        if (isTemplated(ref.name) || (ref.kind === 'ConfigMap' && PROVIDED_CONFIGMAPS.has(ref.name))) continue;
        if (podsMayCreate(workspace, ref.kind) || (ref.kind === 'Secret' && secretsAreSealed(workspace))) continue;
        // Names depend on the object's namespace (the index answers once per namespace).
        const names = relationIndex(workspace).namesOfKind(ref.kind, object);
        const generated = generatedNames(workspace, ref.kind);
        if (names.length === 0 && generated.size === 0) continue;
        if ([...names, ...generated].some((n) => isTemplated(n))) continue;
        if (names.includes(ref.name) || generated.has(ref.name)) continue;
        // A TLS Secret cert-manager issues for an annotated Ingress or Gateway of the application.
        if (ref.kind === 'Secret' && issuedSecretNames(workspace).has(ref.name)) continue;
        const example = names[0] ?? [...generated][0];
        const defining = names.length > 0 ? workspace.named(ref.kind, names[0]).find((o) => o.name === names[0]) : undefined;
        report({
          messageId: 'missing',
          data: { where: ref.where, kind: ref.kind, name: ref.name, others: otherCount(new Set([...names, ...generated]).size, ref.kind), example },
          range: model.rangeOf(ref.node)!,
          related: defining ? [locationOf(defining, `a ${ref.kind} this application defines`)] : [],
        });
      }
    }
  },
});

/** `1 other Secret`, `3 other ConfigMaps`. */
function otherCount(count: number, kind: string): string {
  return `${count} other ${kind}${count === 1 ? '' : 's'}`;
}
