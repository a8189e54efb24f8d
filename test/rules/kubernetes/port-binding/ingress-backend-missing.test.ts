import rule from '../../../../server/src/core/rules/kubernetes/port-binding/ingress-backend-missing';
import { testRule } from '../../../helpers/rule-tester';

const services = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n`;
const ingress = (backend: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n${backend}\n`;

testRule(rule, {
  valid: [
    { name: 'backend by name and port number', code: ingress('                name: web\n                port:\n                  number: 80'), workspace: [{ filename: 'svc.yaml', code: services }] },
    { name: 'backend by port name', code: ingress('                name: web\n                port:\n                  name: http'), workspace: [{ filename: 'svc.yaml', code: services }] },
    { name: 'no Services known in the application', code: ingress('                name: api\n                port: {number: 8080}') },
    { name: 'an HTTPRoute to a Service that exists', code: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n    - backendRefs:\n        - name: web\n          port: 80\n', workspace: [{ filename: 'svc.yaml', code: services }] },
  ],
  invalid: [
    {
      name: 'a Service nobody defines',
      code: ingress('                name: wbe\n                port:\n                  number: 80'),
      workspace: [{ filename: 'svc.yaml', code: services }],
      errors: [{ line: 13, column: 23, endColumn: 26, messageId: 'service', message: 'Services here: `web`' }],
    },
    {
      name: 'a port the Service does not offer',
      code: services + '---\n' + ingress('                name: web\n                port:\n                  number: 8080'),
      errors: [{ line: 25, column: 27, endColumn: 31, messageId: 'port', message: 'in this file' }],
    },
    {
      name: 'an HTTPRoute to a missing Service',
      code: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n    - backendRefs:\n        - name: api\n          port: 80\n',
      workspace: [{ filename: 'svc.yaml', code: services }],
      errors: [{ line: 8, column: 17, endColumn: 20, messageId: 'service' }],
    },
  ],
});
