import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated, type KubeObject } from '../../../kubernetes/model';
import { absenceKnowable, sameNamespace } from '../../../kubernetes/selectors';
import { operatorMayProvide } from './service-selects-nothing';
import { asMap, nodeAt, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { inSomeBuild, nameRefMatches } from '../../../kubernetes/builds';
import { relationIndex } from '../../../kubernetes/relation-index';

interface Backend {
  name: string;
  nameNode: Node;
  port: string | undefined;
  portNode: Node | undefined;
}

/** Backends of an Ingress (v1 and the older `serviceName`/`servicePort` shape) or of a Gateway API route. */
function backendsOf(object: KubeObject): Backend[] {
  const doc = object.doc;
  const out: Backend[] = [];
  const add = (map: unknown, nameKey: string[], portKeys: string[][]) => {
    const nameNode = nodeAt(map, nameKey, doc);
    const name = scalarString(nameNode, doc);
    if (!name || !nameNode) return;
    let portNode: Node | undefined;
    for (const key of portKeys) portNode ??= nodeAt(map, key, doc);
    out.push({ name, nameNode, port: scalarString(portNode, doc), portNode });
  };
  const ingressBackend = (backend: unknown) => {
    if (!backend) return;
    if (nodeAt(backend, ['service'], doc)) add(backend, ['service', 'name'], [['service', 'port', 'number'], ['service', 'port', 'name']]);
    else add(backend, ['serviceName'], [['servicePort']]);
  };
  if (object.kind === 'Ingress') {
    ingressBackend(nodeAt(object.node, ['spec', 'defaultBackend'], doc) ?? nodeAt(object.node, ['spec', 'backend'], doc));
    for (const rule of seqItems(nodeAt(object.node, ['spec', 'rules'], doc), doc)) {
      for (const path of seqItems(nodeAt(rule, ['http', 'paths'], doc), doc)) ingressBackend(valueOf(asMap(path, doc), 'backend', doc));
    }
  } else {
    for (const rule of seqItems(nodeAt(object.node, ['spec', 'rules'], doc), doc)) {
      for (const ref of seqItems(nodeAt(rule, ['backendRefs'], doc), doc)) {
        const kind = scalarString(nodeAt(ref, ['kind'], doc), doc) ?? 'Service';
        const group = scalarString(nodeAt(ref, ['group'], doc), doc) ?? '';
        if (kind === 'Service' && group === '') add(ref, ['name'], [['port']]);
      }
    }
  }
  return out;
}

function servicePorts(service: KubeObject): Set<string> {
  const ports = new Set<string>();
  for (const item of seqItems(nodeAt(service.node, ['spec', 'ports'], service.doc), service.doc)) {
    const port = scalarString(nodeAt(item, ['port'], service.doc), service.doc);
    const name = scalarString(nodeAt(item, ['name'], service.doc), service.doc);
    if (port) ports.add(port);
    if (name) ports.add(name);
  }
  return ports;
}

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/ingress-backend-missing',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'An Ingress or HTTPRoute sends traffic to a Service, or a Service port, that its application does not define.',
    rationale: [
      'The route from the outside world to the port the app binds runs Ingress (or Gateway API route) → Service →',
      'pods. A backend naming a Service nobody defines, or a port that Service does not offer, breaks the first link:',
      'the load balancer answers 502/503 for that path while everything else looks healthy.',
      '',
      'Point the backend at the Service\'s name and one of its `ports` (by number or name). The rule only speaks when',
      'the application (same file, Kustomize build, Helm chart or folder tree) defines Services in that namespace;',
      'backends defined elsewhere are not guessed at. Helm templates, templated names, files with a YAML syntax error and the objects of a Kustomize Component that no kustomization includes are not judged. Corresponds to',
      'kube-linter dangling-ingress (and dangling-httproute). Silent when a custom resource of the application (an operator\'s',
      'object) may create the Service.',
    ].join('\n'),
    messages: {
      service: 'The backend Service `{{name}}` is not defined in this application (Services here: {{known}}); this route has no destination.',
      port: 'Service `{{name}}` ({{where}}) offers no port `{{port}}` (it offers {{ports}}); this route has no destination.',
    },
    anchors: [{ tool: 'kube-linter', id: 'dangling-ingress' }, { tool: 'kube-linter', id: 'dangling-httproute' }],
  },
  check({ model, workspace, report }) {
    for (const object of model.objects) {
      if (!absenceKnowable(model, object)) continue;
      const isIngress = object.kind === 'Ingress' && /^(networking\.k8s\.io|extensions)\//.test(object.apiVersion);
      const isRoute = (object.kind === 'HTTPRoute' || object.kind === 'GRPCRoute') && /^gateway\.networking\.k8s\.io\//.test(object.apiVersion);
      if (!isIngress && !isRoute) continue;
      const services = workspace.ofKind('Service').filter((s) => s.apiVersion === 'v1' && sameNamespace(s, object));
      if (services.length === 0 || operatorMayProvide(model, workspace.objects, object)) continue;
      for (const backend of backendsOf(object)) {
        if (isTemplated(backend.name) || isTemplated(backend.port)) continue;
        // By the name the route uses: as written, or as a Kustomize build makes it (nameRefMatches).
        const named = services.filter((s) => inSomeBuild(object, s, (_tf, ts) => nameRefMatches(backend.name, s, ts)));
        if (named.length === 0) {
          // The names a reference from the route may use: as written and as its builds make them (`web-prod`).
          const known = relationIndex(workspace).namesOfKind('Service', object);
          report({ messageId: 'service', data: { name: backend.name, known: known.slice(0, 4).map((n) => `\`${n}\``).join(', ') + (known.length > 4 ? ', …' : '') }, range: model.rangeOf(backend.nameNode)! });
          continue;
        }
        if (backend.port === undefined || !backend.portNode) continue;
        if (named.some((s) => servicePorts(s).has(backend.port!) || servicePorts(s).size === 0)) continue;
        const target = named[0];
        const where = target.uri === object.uri ? 'in this file' : `in ${target.uri.slice(target.uri.lastIndexOf('/') + 1)}`;
        report({ messageId: 'port', data: { name: backend.name, where, port: backend.port, ports: [...servicePorts(target)].map((p) => `\`${p}\``).join(', ') }, range: model.rangeOf(backend.portNode)! });
      }
    }
  },
});
